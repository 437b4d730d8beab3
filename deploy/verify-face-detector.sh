#!/bin/sh
# Shows, without docker, whether face detection loads in a root made like the Flex container image:
#   1. debootstrap a minimal Debian of the Dockerfile's suite (trixie), install only the runtime-deps packages (the
#      "base:" line of deploy/opencv-needed.txt): the stock image. Copy this machine's .NET runtime in, run
#      deploy/FaceDetectorCheck (the app's own FaceDetector) on face-two-people.jpg: expected to FAIL to load.
#   2. In a copy of that root, install the Dockerfile's face-detection packages (read from the Dockerfile, between
#      its markers) and run the check again: expected to load and find the frontal face.
# Needs root, debootstrap and the Debian mirror (about 150 MB downloaded); not run in CI.
# Usage: deploy/verify-face-detector.sh [work-dir]   (default /tmp/sfn-verify; reused when present)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
work=${1:-/tmp/sfn-verify}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
picture=${PICTURE:-$repo/../shared/media/face-two-people.jpg}

# The suite the Dockerfile's base image is built on (…-trixie-slim → trixie).
suite=$(sed -n 's/^ARG BASE_IMAGE=.*-\([a-z]*\)-slim$/\1/p' "$here/Dockerfile")
[ -n "$suite" ] || { echo "cannot read the Debian suite from the Dockerfile's BASE_IMAGE" >&2; exit 2; }
base=$(sed -n 's/^base: //p' "$here/opencv-needed.txt")
# Every package line between the markers: "        libx11-6 \" → libx11-6.
packages=$(sed -n '/^# face-detection packages: begin/,/^# face-detection packages: end/p' "$here/Dockerfile" \
    | sed -n 's/^ \{8\}\([a-z0-9][a-z0-9.+-]*\) \\$/\1/p' | tr '\n' ' ')
[ -n "$packages" ] || { echo "no packages found between the Dockerfile's markers" >&2; exit 2; }
[ -f "$picture" ] || { echo "picture not found: $picture (set PICTURE)" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap, chroot and mount need it): sudo $0" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "install debootstrap first: apt-get install -y debootstrap" >&2; exit 2; }
mkdir -p "$work"
stock=$work/$suite-stock
full=$work/$suite-face

if [ ! -x "$stock/usr/bin/apt-get" ] || [ ! -f "$stock/.sfn-base-installed" ]; then
    echo "== debootstrap --variant=minbase $suite (the stock root)"
    rm -rf "$stock"
    debootstrap --variant=minbase "$suite" "$stock" "$mirror" >"$work/debootstrap.log" 2>&1 \
        || { tail -20 "$work/debootstrap.log"; exit 2; }
    # shellcheck disable=SC2086 # one word a package
    chroot "$stock" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $base && rm -rf /var/lib/apt/lists/*" >"$work/base.log" 2>&1 \
        || { tail -20 "$work/base.log"; exit 2; }
    touch "$stock/.sfn-base-installed"
fi

echo "== publishing deploy/FaceDetectorCheck (the app's FaceDetector, framework-dependent)"
rm -rf "$work/check"
dotnet publish "$here/FaceDetectorCheck" -c Release -o "$work/check" -nologo -v quiet -clp:ErrorsOnly >/dev/null
cp "$picture" "$work/check/picture.jpg"

# This machine's .NET: the dotnet host, hostfxr and the two shared frameworks the app uses (the versions the check
# was built for are whatever this SDK rolls forward to; the newest of each is copied).
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
copy_runtime() {
    root=$1
    rm -rf "$root/opt/dotnet" "$root/opt/check"
    mkdir -p "$root/opt/dotnet/shared"
    cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$root/opt/dotnet/"
    for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
        newest=$(ls "$dotnet_root/shared/$framework" | sort -V | tail -1)
        mkdir -p "$root/opt/dotnet/shared/$framework"
        cp -a "$dotnet_root/shared/$framework/$newest" "$root/opt/dotnet/shared/$framework/"
    done
    cp -a "$work/check" "$root/opt/check"
}

run_check() {
    root=$1
    mount -t proc proc "$root/proc"
    # .NET reads /proc; the check's exit status is the result (0 found, 1 none, 2 could not load).
    status=0
    chroot "$root" env DOTNET_ROOT=/opt/dotnet HOME=/tmp sh -c 'cd /opt/check && /opt/dotnet/dotnet FaceDetectorCheck.dll picture.jpg' || status=$?
    umount "$root/proc"
    echo "   exit $status"
    return 0
}
trap 'umount "$stock/proc" 2>/dev/null || true; umount "$full/proc" 2>/dev/null || true' EXIT

echo "== (a) stock root: $suite + runtime-deps ($base)"
copy_runtime "$stock"
run_check "$stock"; a=$status
# The loader names only the first library it misses; ldd lists them all.
missing=$(chroot "$stock" ldd /opt/check/libOpenCvSharpExtern.so | grep -c 'not found' || true)
echo "   ldd in the stock root: $missing of the libraries libOpenCvSharpExtern.so needs (directly or through another) are not found:"
chroot "$stock" ldd /opt/check/libOpenCvSharpExtern.so | sed -n 's/^[[:space:]]*\([^ ]*\) => not found/\1/p' | tr '\n' ' ' | fold -s -w 110 | sed 's/^/     /'
echo

echo "== (b) the same root + the Dockerfile's packages: $packages"
rm -rf "$full"
cp -a "$stock" "$full"
# shellcheck disable=SC2086
chroot "$full" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages && rm -rf /var/lib/apt/lists/*" >"$work/packages.log" 2>&1 \
    || { tail -20 "$work/packages.log"; exit 2; }
grep -E '^(The following NEW packages|[0-9]+ upgraded|After this operation)' "$work/packages.log" | sed 's/^/   /' || true
run_check "$full"; b=$status

# The map's packages, checked against the root's own dpkg database: which package owns each soname.
wrong=0
grep -v -e '^#' -e '^base: ' -e '^$' "$here/opencv-needed.txt" | while read -r soname package; do
    owner=$(chroot "$full" dpkg -S "*/$soname" 2>/dev/null | grep -v -- '-dev' | head -1 | cut -d: -f1)
    if [ "$owner" != "$package" ]; then echo "   map: $soname is owned by '$owner', the map says $package"; fi
done | tee "$work/map-check.log"
[ -s "$work/map-check.log" ] && wrong=1
[ "$wrong" -eq 0 ] && echo "   deploy/opencv-needed.txt agrees with dpkg -S in the root for every soname"

# Size the packages add: the two roots without the runtime and the check, which the image has elsewhere.
added=$(( $(du -sk --exclude=./opt --exclude=./proc "$full" | cut -f1) - $(du -sk --exclude=./opt --exclude=./proc "$stock" | cut -f1) ))
echo "== packages add about $((added / 1024)) MB to the root (uncompressed)"

if [ "$a" -eq 2 ] && [ "$b" -eq 0 ] && [ "$wrong" -eq 0 ]; then
    echo "RESULT: the stock root cannot load face detection; with the Dockerfile's packages it loads and finds the frontal face"
    exit 0
fi
echo "RESULT: unexpected (stock exit $a, with packages exit $b, map disagreements $wrong)" >&2
exit 1
