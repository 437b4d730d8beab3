using FFMpegCore;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

/// <summary>The colour classifier (from ffprobe JSON) and the conversion filters it leads to, as text.</summary>
public class ColourTests
{
    private const string Lut = "/tmp/solidarityfn-tonemap/tonemap-hlg.cube";

    [Fact]
    public void An_iPhone_HDR_clip_is_HLG_read_through_its_Dolby_Vision_8_4_base_layer()
    {
        // As ffprobe 5.1 prints an iPhone 12-15 HDR recording (HEVC Main10, HLG, Dolby Vision 8.4 configuration record).
        const string stream = """
            { "index": 0, "codec_type": "video", "codec_name": "hevc", "profile": "Main 10", "width": 1920, "height": 1080,
              "pix_fmt": "yuv420p10le", "color_range": "tv", "color_space": "bt2020nc", "color_transfer": "arib-std-b67", "color_primaries": "bt2020",
              "bits_per_raw_sample": "10",
              "side_data_list": [
                { "side_data_type": "DOVI configuration record", "dv_version_major": 1, "dv_version_minor": 0, "dv_profile": 8, "dv_level": 4,
                  "rpu_present_flag": 1, "el_present_flag": 0, "bl_present_flag": 1, "dv_bl_signal_compatibility_id": 4 },
                { "side_data_type": "Display Matrix", "displaymatrix": "...", "rotation": -90 } ] }
            """;
        var probed = Probe(stream);

        Assert.Equal(new DolbyVisionConfiguration(8, 4), probed.Colour.DolbyVision);
        Assert.Equal(10, probed.Colour.BitDepth);
        Assert.Equal("bt2020nc", probed.Colour.Matrix);
        Assert.Equal(new ColourClass(SourceColour.Hlg, FullRange: false), probed.Colour.Classify(probed.Geometry.DisplayWidth, probed.Geometry.Height));
    }

    [Theory]
    [InlineData(8, 1, "unknown", SourceColour.Pq, false)]
    [InlineData(8, 4, "unknown", SourceColour.Hlg, false)]
    [InlineData(8, 2, "bt709", SourceColour.Sdr709, false)]
    [InlineData(5, 0, "unknown", SourceColour.Pq, true)]
    [InlineData(8, 6, "smpte2084", SourceColour.Pq, false)]
    public void Dolby_Vision_is_read_through_its_base_layer(int profile, int compatibility, string transfer, SourceColour expected, bool bestEffort)
    {
        var stream = $$"""
            { "index": 0, "codec_type": "video", "codec_name": "hevc", "width": 3840, "height": 2160, "pix_fmt": "yuv420p10le", "color_transfer": "{{transfer}}",
              "side_data_list": [ { "side_data_type": "DOVI configuration record", "dv_profile": {{profile}}, "dv_bl_signal_compatibility_id": {{compatibility}} } ] }
            """;
        var colour = Probe(stream).Colour;
        Assert.Equal(new ColourClass(expected, false, bestEffort), colour.Classify(3840, 2160));
    }

    [Fact]
    public void HDR10_mastering_and_light_levels_are_read_from_stream_side_data()
    {
        const string stream = """
            { "index": 0, "codec_type": "video", "width": 3840, "height": 2160, "pix_fmt": "yuv420p10le",
              "color_space": "bt2020nc", "color_transfer": "smpte2084", "color_primaries": "bt2020",
              "side_data_list": [
                { "side_data_type": "Mastering display metadata", "red_x": "34000/50000", "max_luminance": "10000000/10000", "min_luminance": "50/10000" },
                { "side_data_type": "Content light level metadata", "max_content": 1000, "max_average": 400 } ] }
            """;
        var colour = Probe(stream).Colour;
        Assert.Equal(1000, colour.MasteringMaxLuminance);
        Assert.Equal(1000, colour.MaxContentLightLevel);
        Assert.Equal(SourceColour.Pq, colour.Classify(3840, 2160).Picture);
    }

    [Theory]
    [InlineData("bt709", "bt709", 640, 480, SourceColour.Sdr709)]
    [InlineData("smpte170m", "smpte170m", 1920, 1080, SourceColour.Sdr601)]
    [InlineData("bt470bg", "bt470bg", 720, 576, SourceColour.Sdr601)]
    [InlineData("bt2020nc", "bt2020-10", 1920, 1080, SourceColour.Sdr2020)]
    [InlineData("unknown", "unknown", 1920, 1080, SourceColour.Sdr709)]
    [InlineData("unknown", "unknown", 1280, 540, SourceColour.Sdr709)]
    [InlineData("unknown", "unknown", 720, 1280, SourceColour.Sdr709)]
    [InlineData("unknown", "unknown", 640, 480, SourceColour.Sdr601)]
    [InlineData("unknown", "unknown", 720, 576, SourceColour.Sdr601)]
    [InlineData("unspecified", "bt709", 176, 144, SourceColour.Sdr601)]
    public void SDR_follows_the_matrix_and_untagged_follows_the_size_as_players_do(string matrix, string transfer, int width, int height, SourceColour expected)
    {
        var stream = $$"""{ "index": 0, "codec_type": "video", "width": {{width}}, "height": {{height}}, "color_space": "{{matrix}}", "color_transfer": "{{transfer}}" }""";
        Assert.Equal(expected, Probe(stream).Colour.Classify(width, height).Picture);
    }

    [Fact]
    public void Untagged_size_is_judged_upright()
    {
        // 720×1280 stored with a quarter turn is 1280×720 upright: HD.
        const string stream = """{ "index": 0, "codec_type": "video", "width": 576, "height": 720, "side_data_list": [ { "rotation": 90 } ] }""";
        var probed = Probe(stream);
        Assert.Equal(SourceColour.Sdr601, probed.Colour.Classify(probed.Geometry.DisplayWidth, probed.Geometry.Height).Picture);
        Assert.Equal(SourceColour.Sdr709, ColourDescription.Untagged.Classify(1280, 720).Picture);
    }

    [Theory]
    [InlineData("pc", "yuv420p", true)]
    [InlineData("jpeg", "yuv420p", true)]
    [InlineData(null, "yuvj420p", true)]
    [InlineData("tv", "yuv420p", false)]
    [InlineData(null, "yuv420p10le", false)]
    public void Full_range_is_the_tag_or_a_yuvj_format(string? range, string pixelFormat, bool fullRange)
    {
        var rangeJson = range is null ? string.Empty : $"\"color_range\": \"{range}\",";
        var stream = $$"""{ "index": 0, "codec_type": "video", "width": 640, "height": 480, {{rangeJson}} "pix_fmt": "{{pixelFormat}}" }""";
        Assert.Equal(fullRange, Probe(stream).Colour.Classify(640, 480).FullRange);
    }

    [Fact]
    public void BT709_limited_range_needs_no_filter()
    {
        Assert.Equal(string.Empty, ColourConversion.Filters(new ColourClass(SourceColour.Sdr709, false)));
    }

    [Fact]
    public void Full_range_BT709_is_brought_to_limited_range_and_labelled()
    {
        Assert.Equal(
            "scale=in_range=full:out_range=limited,format=yuv420p,setparams=range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709,",
            ColourConversion.Filters(new ColourClass(SourceColour.Sdr709, true)));
    }

    [Fact]
    public void BT601_is_converted_by_matrix_not_relabelled()
    {
        Assert.Equal(
            "colorspace=ispace=bt470bg:space=bt709:iprimaries=bt709:primaries=bt709:itrc=bt709:trc=bt709:irange=tv:range=tv:format=yuv420p,",
            ColourConversion.Filters(new ColourClass(SourceColour.Sdr601, false)));
        Assert.StartsWith(
            "scale=in_range=full:out_range=limited,format=yuv420p,colorspace=ispace=bt470bg:space=bt709:",
            ColourConversion.Filters(new ColourClass(SourceColour.Sdr601, true)),
            StringComparison.Ordinal);
    }

    [Fact]
    public void BT2020_SDR_is_converted_in_matrix_primaries_and_transfer()
    {
        Assert.Equal(
            "colorspace=ispace=bt2020ncl:space=bt709:iprimaries=bt2020:primaries=bt709:itrc=bt2020-10:trc=bt709:irange=tv:range=tv:format=yuv420p,",
            ColourConversion.Filters(new ColourClass(SourceColour.Sdr2020, false)));
    }

    [Theory]
    [InlineData(SourceColour.Hlg, false, "limited")]
    [InlineData(SourceColour.Pq, true, "full")]
    public void HDR_is_tone_mapped_through_its_LUT_from_BT2020_RGB_to_BT709_limited(SourceColour picture, bool fullRange, string inRange)
    {
        Assert.Equal(
            $"scale=in_color_matrix=bt2020:in_range={inRange},format=gbrpf32le,lut3d=file={Lut}:interp=tetrahedral," +
            "scale=out_color_matrix=bt709:out_range=limited,format=yuv420p,setparams=range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709,",
            ColourConversion.Filters(new ColourClass(picture, fullRange), Lut));
        Assert.ThrowsAny<ArgumentException>(() => ColourConversion.Filters(new ColourClass(picture, fullRange)));
    }

    [Fact]
    public void The_LUT_samples_the_zscale_tonemap_chain_at_BT2408_reference_white()
    {
        Assert.Equal(
            "zscale=tin=arib-std-b67:pin=bt2020:min=gbr:rin=pc:t=linear:p=bt2020:m=gbr:r=pc:npl=203," +
            "zscale=tin=linear:pin=bt2020:min=gbr:rin=pc:t=linear:p=bt709:m=gbr:r=pc," +
            "tonemap=tonemap=mobius:desat=0:peak=4.9261," +
            "zscale=tin=linear:pin=bt709:min=gbr:rin=pc:t=bt709:p=bt709:m=gbr:r=pc,format=gbrpf32le",
            ColourConversion.LutChain(SourceColour.Hlg));
        Assert.Contains("tin=smpte2084", ColourConversion.LutChain(SourceColour.Pq), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ColourConversion.LutChain(SourceColour.Sdr709));
        Assert.NotEqual(ToneMapLut.FileName(SourceColour.Hlg), ToneMapLut.FileName(SourceColour.Pq));
    }

    [Fact]
    public void The_lattice_is_planar_gbr_with_red_fastest()
    {
        var lattice = ToneMapLut.Lattice();
        var count = ToneMapLut.Size * ToneMapLut.Size * ToneMapLut.Size;
        Assert.Equal(count * 12, lattice.Length);
        float At(int plane, int index) => BitConverter.ToSingle(lattice, ((plane * count) + index) * 4);

        // Index 1 is r = 1/64, g = b = 0; index Size is g = 1/64; the last is white.
        Assert.Equal(1f / 64, At(2, 1));
        Assert.Equal(0f, At(0, 1));
        Assert.Equal(1f / 64, At(0, ToneMapLut.Size));
        Assert.Equal(1f / 64, At(1, ToneMapLut.Size * ToneMapLut.Size));
        Assert.Equal(1f, At(0, count - 1));
        Assert.Equal(1f, At(1, count - 1));
        Assert.Equal(1f, At(2, count - 1));
    }

    [Fact]
    public void The_cube_lists_rgb_triplets_clamped_in_lattice_order()
    {
        var output = ToneMapLut.Lattice();
        var count = ToneMapLut.Size * ToneMapLut.Size * ToneMapLut.Size;
        BitConverter.TryWriteBytes(output.AsSpan(((2 * count) + 1) * 4), 1.5f);
        BitConverter.TryWriteBytes(output.AsSpan(((0 * count) + 2) * 4), -0.25f);
        var lines = ToneMapLut.ToCube(output, SourceColour.Hlg).Split('\n');

        Assert.StartsWith("# ", lines[0], StringComparison.Ordinal);
        Assert.Equal("LUT_3D_SIZE 65", lines[1]);
        Assert.Equal("0 0 0", lines[2]);
        Assert.Equal("1 0 0", lines[3]);
        Assert.Equal("0.03125 0 0", lines[4]);
        Assert.Equal("1 1 1", lines[count + 1]);
        Assert.Throws<ArgumentException>(() => ToneMapLut.ToCube(new byte[12], SourceColour.Hlg));
    }

    [Fact]
    public void The_LUT_run_reads_raw_float_lattice_from_a_file_only()
    {
        var args = ToneMapLut.Command(SourceColour.Pq, "/t/l.raw", "/t/o.raw", new FfmpegLimits(1, 60)).ToArguments().ToList();
        var i = args.IndexOf("-i");
        Assert.Equal(["-protocol_whitelist", "file", "-f", "rawvideo", "-pix_fmt", "gbrpf32le", "-video_size", "4225x65"], args[(i - 8)..i]);
        Assert.Equal(ColourConversion.LutChain(SourceColour.Pq), args[args.IndexOf("-vf") + 1]);
        Assert.Equal("/t/o.raw", args[^1]);
    }

    [Theory]
    [InlineData("/tmp/a.cube", "/tmp/a.cube")]
    [InlineData(@"C:\t\a.cube", @"C\\:\\\\t\\\\a.cube")]
    [InlineData("/tmp/it's, [x];.cube", @"/tmp/it\\\'s\, \[x\]\;.cube")]
    public void Paths_in_the_filtergraph_are_escaped_for_both_parsers(string path, string expected)
    {
        Assert.Equal(expected, FilterGraph.EscapeValue(path));
    }

    [Fact]
    public void The_colour_filters_run_on_the_clip_s_pixels_after_its_scale_and_before_the_thumbnail_s_framing()
    {
        const string colour = "colorspace=ispace=bt470bg:space=bt709:format=yuv420p,";
        var clip = NormalizeVideoCommand.Build(new VideoClipRequest(
            "/in", "mov", "/w/clip.mp4", new VideoGeometry(640, 480), true, 2, "veryfast", 20, new FfmpegLimits(1, 60), ColourFilters: colour));
        var graph = clip.Output[clip.Output.ToList().IndexOf("-filter_complex") + 1];
        // After the one scale to the clip's size: a 4K HDR source is tone-mapped at the clip's size, not at 4K.
        Assert.StartsWith("[0:v:0]fps=30,scale=640:480,setsar=1," + colour + "format=yuv420p[v]", graph, StringComparison.Ordinal);

        var thumb = ThumbnailCommand.FromVideo("/in", "mov", new VideoGeometry(640, 480), 1, "/w/thumb.jpg", 480, new FfmpegLimits(1, 60), colour);
        var thumbGraph = thumb.Output[thumb.Output.ToList().IndexOf("-filter_complex") + 1];
        Assert.StartsWith("[0:v:0]" + colour, thumbGraph, StringComparison.Ordinal);
    }

    private static ProbedVideo Probe(string stream) =>
        ProbedVideo.From(FFProbe.FromJson($$"""
            { "streams": [ {{stream}} ],
              "format": { "filename": "x", "nb_streams": 1, "format_name": "mov,mp4", "duration": "3.000000", "probe_score": 100 } }
            """)) ?? throw new InvalidOperationException("no video");
}
