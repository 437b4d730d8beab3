#!/usr/bin/env bash
# Cheaper HLG paths measured against the pipeline's 65³ LUT path (BENCHMARKS.md, Colour, "Cheaper paths tried").
# Usage: bench/colour-alternatives/run.sh <tone-map .cube for HLG> [work folder]   (quality: ~1 min; add TIME=1 for the encodes)
# The .cube is the one ToneMapLuts writes to the temp folder (solidarityfn-tonemap/tonemap-hlg-65-*.cube).
set -euo pipefail
LUT=$(realpath "$1"); W=${2:-$(mktemp -d)}; mkdir -p "$W"; cd "$W"
H265=(-c:v libx265 -preset ultrafast -profile:v main10 -tag:v hvc1 -x265-params log-level=error:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc
      -colorspace bt2020nc -color_primaries bt2020 -color_trc arib-std-b67 -color_range tv)
hdr() { echo "zscale=tin=bt709:min=bt709:pin=bt709:rin=$2:t=arib-std-b67:m=2020_ncl:p=2020:r=tv:npl=$1,format=yuv420p10le"; }
bars=smptehdbars=size=1280x720:rate=30:duration=2
ffmpeg -v error -y -f lavfi -i $bars -vf format=yuv420p -c:v libx264 -preset ultrafast -crf 10 -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv barssdr.mp4
ffmpeg -v error -y -f lavfi -i $bars -vf "$(hdr 203 tv)" "${H265[@]}" -f mov barshlg.mov
ffmpeg -v error -y -f lavfi -i $bars -vf "$(hdr 600 tv)" "${H265[@]}" -f mov barshlg600.mov   # whites far above reference white
ffmpeg -v error -y -f lavfi -i gradients=size=1280x720:rate=30:duration=1:speed=0.05:nb_colors=4:c0=0xff2020:c1=0x20a0ff:c2=0xffe080:c3=0x104010 \
  -vf "format=gbrp,$(hdr 203 pc)" "${H265[@]}" -f mov gradhlg.mov
ffmpeg -v error -y -f lavfi -i testsrc2=size=1280x720:rate=30:duration=2 -vf "format=gbrp,$(hdr 203 pc)" "${H265[@]}" -f mov testsrchlg.mov

# The LUT's neutral axis as a 10-bit limited-range luma curve (piecewise linear over the 65 lattice points), for lutyuv.
python3 - "$LUT" > yexpr.txt <<'PY'
import sys
data=[l for l in open(sys.argv[1]).read().splitlines() if l and (l[0].isdigit() or l[0]=='-')]
N=round(len(data)**(1/3)); g=[float(data[i+i*N+i*N*N].split()[1]) for i in range(N)]
t=[f"{g[0]:.6f}"]+[f"{g[i+1]-g[i]:.6f}*clip(((val-64)/876-{i/(N-1):.6f})*{N-1},0,1)" for i in range(N-1)]
print("64+876*("+"+".join(t)+")")
PY
E=$(cat yexpr.txt)
lut="scale=in_color_matrix=bt2020:in_range=limited,format=gbrpf32le,lut3d=file=$LUT:interp=tetrahedral,scale=out_color_matrix=bt709:out_range=limited,format=yuv420p,"
colorspace="colorspace=ispace=bt2020ncl:space=bt709:iprimaries=bt2020:primaries=bt709:itrc=bt2020-10:trc=bt709:irange=tv:range=tv:format=yuv420p,"
zlut="zscale=min=2020_ncl:rin=limited:m=gbr:r=full,format=gbrpf32le,lut3d=file=$LUT:interp=tetrahedral,zscale=min=gbr:rin=full:m=709:r=limited,format=yuv420p,"
# LUT at half size (chroma resolution); luma = the LUT's neutral curve at full size (split1), plus the half-size
# difference between the LUT's luma and that curve, upscaled (split2).
half() { echo "split[f][h];[h]scale=$(($1/2)):$(($2/2)),format=yuv444p10le,zscale=min=2020_ncl:rin=limited:m=gbr:r=full,format=gbrpf32le,lut3d=file=$LUT:interp=tetrahedral,zscale=min=gbr:rin=full:m=709:r=limited,format=yuv444p,extractplanes=u+v[u][v];[f]lutyuv=y='$E',format=yuv420p,extractplanes=y[y];[y][u][v]mergeplanes=0x001020:yuv420p,"; }
half2() { echo "split[f][h];[h]scale=$(($1/2)):$(($2/2)),format=yuv444p10le,split[h1][h2];[h1]zscale=min=2020_ncl:rin=limited:m=gbr:r=full,format=gbrpf32le,lut3d=file=$LUT:interp=tetrahedral,zscale=min=gbr:rin=full:m=709:r=limited,format=yuv444p,extractplanes=y+u+v[ly][u][v];[h2]lutyuv=y='$E',format=yuv444p,extractplanes=y[gy];[ly][gy]blend=all_mode=grainextract,scale=$1:$2:flags=fast_bilinear[d];[f]lutyuv=y='$E',format=yuv420p,extractplanes=y[y0];[y0][d]blend=all_mode=grainmerge[y];[y][u][v]mergeplanes=0x001020:yuv420p,"; }

# split3: the LUT at chroma size on the source's own U/V planes beside a half-size luma (no chroma resampling), its U/V
# output as they are; full-size luma = the neutral curve g(Y) + the upscaled half-size difference Y'h - g(Yh).
half3() { echo "format=yuv420p10le,extractplanes=y+u+v[y][u][v];[y]split[y1][y2];[y2]scale=$(($1/2)):$(($2/2)):flags=area[yh];[yh][u][v]mergeplanes=0x001020:yuv444p10le,split[h1][h2];[h1]zscale=min=2020_ncl:rin=limited:m=gbr:r=full,format=gbrpf32le,lut3d=file=$LUT:interp=tetrahedral,zscale=min=gbr:rin=full:m=709:r=limited,format=yuv444p,extractplanes=y+u+v[ly][u2][v2];[h2]lutyuv=y='$E',format=yuv444p,extractplanes=y[gy];[ly][gy]blend=all_mode=grainextract,scale=$1:$2:flags=bilinear[d];[y1]format=gray10le,lut=c0='$E',format=gray[y0];[y0][d]blend=all_mode=grainmerge[yy];[yy][u2][v2]mergeplanes=0x001020:yuv420p,"; }
lut16="scale=in_color_matrix=bt2020:in_range=limited,format=gbrp16le,lut3d=file=$LUT:interp=tetrahedral,scale=out_color_matrix=bt709:out_range=limited,format=yuv420p,"

stats() { ffmpeg -v error -i "$1" -vf "${2}signalstats,metadata=print:file=-" -f null - | awk -F= '/SATAVG/{s+=$2;n++} /YAVG/{y+=$2} END{printf "saturation %.2f luma %.2f", s/n, y/n}'; }
ssim() { ffmpeg -nostats -i "$1" -i "$1" -filter_complex "[0:v]${2}null[a];[1:v]${3}null[b];[a][b]ssim" -f null - 2>&1 | grep -o "All:[0-9.]*"; }
echo "SDR bars: $(stats barssdr.mp4 '')"
for side in lut colorspace zlut split1 split2 split3 lut16; do
  case $side in split1) f=$(half 1280 720);; split2) f=$(half2 1280 720);; split3) f=$(half3 1280 720);; *) f=${!side};; esac
  echo "$side: HLG bars $(stats barshlg.mov "$f"); SSIM against lut: bars $(ssim barshlg.mov "$f" "$lut") gradient $(ssim gradhlg.mov "$f" "$lut") testsrc2 $(ssim testsrchlg.mov "$f" "$lut") bars@600 $(ssim barshlg600.mov "$f" "$lut")"
  ffmpeg -v error -y -i testsrchlg.mov -frames:v 1 -vf "${f}scale=640:-2" "testsrc-$side.png"
  ffmpeg -v error -y -i barshlg600.mov -frames:v 1 -vf "${f}scale=640:-2" "bars600-$side.png"
done
echo "frames: $W/*.png"

[ "${TIME:-}" = 1 ] || exit 0
ffmpeg -v error -y -f lavfi -i testsrc2=size=1920x1080:rate=30:duration=10 -vf "format=gbrp,$(hdr 203 pc)" "${H265[@]}" -f mov hlg1080.mov
enc() { /usr/bin/time -f "%U %S %e" ffmpeg -v error -nostdin -y -i hlg1080.mov -an -vf "[0:v:0]fps=30,scale=1920:1080,setsar=1,$2format=yuv420p" \
  -c:v libx264 -preset veryfast -crf 20 -f mp4 "out-$1.mp4" 2>&1 | tail -1 | awk -v n="$1" '{printf "%-10s cpu %.2f s wall %.2f s\n", n, $1+$2, $3}'; }
uptime
for round in 1 2; do
  enc plain ""; enc lut "$lut"; enc colorspace "$colorspace"; enc zlut "$zlut"; enc split1 "$(half 1920 1080)"; enc split2 "$(half2 1920 1080)"; enc split3 "$(half3 1920 1080)"; enc lut16 "$lut16"
done
uptime
