using FFMpegCore;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

public class ProbedVideoTests
{
    [Fact]
    public void A_phone_video_with_a_display_matrix_is_upright_after_rotation()
    {
        const string streams = """
            { "index": 0, "codec_type": "video", "codec_name": "hevc", "width": 1920, "height": 1080, "sample_aspect_ratio": "1:1", "duration": "0:00:08.500000",
              "side_data_list": [ { "side_data_type": "Display Matrix", "displaymatrix": "...", "rotation": -90 } ] },
            { "index": 1, "codec_type": "audio", "codec_name": "aac", "duration": "0:00:08.500000" }
            """;
        var probed = ProbedVideo.From(FFProbe.FromJson(Json(streams, "0:00:08.533000")));

        Assert.NotNull(probed);
        Assert.Equal(270, probed.Rotation);
        Assert.Equal(new VideoGeometry(1080, 1920), probed.Geometry);
        Assert.Equal(8.5, probed.DurationSeconds);
        Assert.True(probed.HasAudio);
        Assert.Equal("hevc", probed.VideoCodec);
    }

    [Theory]
    [InlineData(90, 90)]
    [InlineData(-270, 90)]
    [InlineData(180, 180)]
    [InlineData(-180, 180)]
    [InlineData(0, 0)]
    public void Rotation_is_normalised_to_quarter_turns(int rotation, int expected)
    {
        var stream = $$"""{ "index": 0, "codec_type": "video", "width": 640, "height": 360, "side_data_list": [ { "rotation": {{rotation}} } ] }""";
        var probed = ProbedVideo.From(FFProbe.FromJson(Json(stream)));
        Assert.Equal(expected, probed!.Rotation);
    }

    [Fact]
    public void The_legacy_rotate_tag_is_honoured()
    {
        const string stream = """{ "index": 0, "codec_type": "video", "width": 640, "height": 360, "tags": { "rotate": "90" } }""";
        var probed = ProbedVideo.From(FFProbe.FromJson(Json(stream)));
        Assert.Equal(new VideoGeometry(360, 640), probed!.Geometry);
    }

    [Fact]
    public void A_missing_duration_is_null_and_the_format_duration_is_the_fallback()
    {
        var none = ProbedVideo.From(FFProbe.FromJson(Json("""{ "index": 0, "codec_type": "video", "width": 320, "height": 240 }""", null)));
        var format = ProbedVideo.From(FFProbe.FromJson(Json("""{ "index": 0, "codec_type": "video", "width": 320, "height": 240 }""", "0:00:03.200000")));
        Assert.Null(none!.DurationSeconds);
        Assert.Equal(3.2, format!.DurationSeconds!.Value, 3);
        Assert.False(none.HasAudio);
    }

    [Fact]
    public void No_video_stream_or_only_cover_art_means_no_video()
    {
        Assert.Null(ProbedVideo.From(FFProbe.FromJson(Json("""{ "index": 0, "codec_type": "audio", "codec_name": "aac" }"""))));
        const string coverArt = """{ "index": 0, "codec_type": "video", "codec_name": "mjpeg", "width": 300, "height": 300, "disposition": { "attached_pic": 1 } }""";
        Assert.Null(ProbedVideo.From(FFProbe.FromJson(Json(coverArt))));
    }

    [Fact]
    public void The_default_audio_stream_is_taken_over_an_earlier_one()
    {
        const string streams = """
            { "index": 0, "codec_type": "video", "codec_name": "h264", "width": 640, "height": 360 },
            { "index": 1, "codec_type": "audio", "codec_name": "aac", "sample_rate": "48000", "channels": 2, "disposition": { "default": 0 } },
            { "index": 2, "codec_type": "audio", "codec_name": "aac", "sample_rate": "48000", "channels": 2, "disposition": { "default": 1 } }
            """;
        var probed = ProbedVideo.From(FFProbe.FromJson(Json(streams)));
        Assert.True(probed!.HasAudio);
        Assert.Equal(1, probed.AudioStream);
    }

    [Fact]
    public void An_undecodable_default_audio_stream_gives_way_to_the_first_that_decodes()
    {
        const string streams = """
            { "index": 0, "codec_type": "video", "codec_name": "h264", "width": 640, "height": 360 },
            { "index": 1, "codec_type": "audio", "codec_name": "unknown", "disposition": { "default": 1 } },
            { "index": 2, "codec_type": "audio", "codec_name": "aac", "sample_rate": "44100", "channels": 1, "disposition": { "default": 0 } },
            { "index": 3, "codec_type": "audio", "codec_name": "aac", "sample_rate": "44100", "channels": 1, "disposition": { "default": 0 } }
            """;
        var probed = ProbedVideo.From(FFProbe.FromJson(Json(streams)));
        Assert.True(probed!.HasAudio);
        Assert.Equal(1, probed.AudioStream);
    }

    [Fact]
    public void Only_undecodable_audio_counts_as_no_audio()
    {
        const string streams = """
            { "index": 0, "codec_type": "video", "codec_name": "h264", "width": 640, "height": 360 },
            { "index": 1, "codec_type": "audio", "codec_name": "unknown" }
            """;
        Assert.False(ProbedVideo.From(FFProbe.FromJson(Json(streams)))!.HasAudio);
    }

    [Fact]
    public void Sound_without_a_picture_is_audio_only_and_nothing_at_all_is_not()
    {
        const string audio = """{ "index": 0, "codec_type": "audio", "codec_name": "aac", "sample_rate": "44100", "channels": 2 }""";
        const string data = """{ "index": 0, "codec_type": "data", "codec_name": "unknown" }""";
        const string video = """{ "index": 0, "codec_type": "video", "codec_name": "h264", "width": 640, "height": 360 }, """ + audio;
        Assert.True(ProbedVideo.IsAudioOnly(FFProbe.FromJson(Json(audio))));
        Assert.False(ProbedVideo.IsAudioOnly(FFProbe.FromJson(Json(data))));
        Assert.False(ProbedVideo.IsAudioOnly(FFProbe.FromJson(Json(video))));
    }

    [Fact]
    public void Anamorphic_pixels_widen_the_display()
    {
        const string stream = """{ "index": 0, "codec_type": "video", "width": 720, "height": 576, "sample_aspect_ratio": "16:15" }""";
        var probed = ProbedVideo.From(FFProbe.FromJson(Json(stream)));
        Assert.Equal(768, probed!.Geometry.DisplayWidth);
    }

    [Theory]
    [InlineData("0:00:12.500000", 12.5)]
    [InlineData("1:02:03.5", 3723.5)]
    [InlineData("12.25", 12.25)]
    [InlineData("N/A", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Seconds_are_parsed_in_both_of_ffprobe_s_forms(string? text, double? expected)
    {
        Assert.Equal(expected, ProbedVideo.ParseSeconds(text));
    }

    [Fact]
    public void The_frame_rate_is_the_average_one_else_the_real_one_else_unknown()
    {
        static double? Fps(string rates) => ProbedVideo.From(FFProbe.FromJson(Json(
            $$"""{ "index": 0, "codec_type": "video", "width": 1920, "height": 1080, {{rates}} }""")))!.FramesPerSecond;

        Assert.Equal(30000 / 1001.0, Fps("\"avg_frame_rate\": \"30000/1001\", \"r_frame_rate\": \"60/1\""));
        Assert.Equal(60, Fps("\"avg_frame_rate\": \"0/0\", \"r_frame_rate\": \"60/1\""));
        Assert.Null(Fps("\"avg_frame_rate\": \"0/0\", \"r_frame_rate\": \"0/0\""));
        Assert.Null(ProbedVideo.RateOf("1/0"));
        Assert.Null(ProbedVideo.RateOf(null));
    }

    private static string Json(string streams, string? formatDuration = "0:00:03.000000")
    {
        var duration = formatDuration is null ? string.Empty : $"\"duration\": \"{formatDuration}\",";
        return $$"""
            { "streams": [ {{streams}} ],
              "format": { "filename": "x", "nb_streams": 1, "format_name": "mov,mp4", {{duration}} "probe_score": 100 } }
            """;
    }
}
