using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

/// <summary>The host and the photo decoder process talk through arguments, JSON lines and exit codes: both ends are here.</summary>
public class PhotoDecoderProtocolTests
{
    private static readonly PhotoDecodeRequest Request = new(
        "/work/abc/upload 'from phone' 100%", "/work/abc/out/photo.png", "Heic", "/work/abc/out", 3840, 50_000_000, 20_000, 20, 64, 1024);

    [Fact]
    public void A_request_survives_its_trip_through_the_command_line()
    {
        var arguments = Request.ToArguments();

        Assert.Equal(Request, PhotoDecodeRequest.Parse(arguments));
        Assert.Equal(["--input", "/work/abc/upload 'from phone' 100%"], arguments.Take(2));
        Assert.Contains("50000000", arguments);
        Assert.True(Request.IsHeif);
    }

    [Theory]
    [InlineData("Jpeg", false)]
    [InlineData("Png", false)]
    [InlineData("WebP", false)]
    [InlineData("Heic", true)]
    [InlineData("Avif", true)]
    public void Every_sniffed_decoder_is_accepted_and_only_heif_ignores_exif_orientation(string decoder, bool heif)
    {
        var parsed = PhotoDecodeRequest.Parse((Request with { Decoder = decoder }).ToArguments());
        Assert.Equal(heif, parsed.IsHeif);
    }

    public static TheoryData<string[]> BadArguments => new()
    {
        { [] },
        { ["--input"] },
        { Replace("--decoder", "Svg") },        // never a decoder Magick would pick for itself
        { Replace("--decoder", "jpeg") },
        { Replace("--input", "relative/upload") },
        { Replace("--output", "photo.png") },
        { Replace("--max-pixels", "0") },
        { Replace("--max-side", "-5") },
        { Replace("--memory-mib", "64MiB") },
        { Replace("--max-edge", "99999999999") },
        { [.. Request.ToArguments(), "--input", "/work/other"] },
        { [.. Request.ToArguments(), "--shell", "rm"] },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Anything_but_the_arguments_the_host_writes_is_a_usage_error(string[] arguments)
    {
        Assert.Throws<FormatException>(() => PhotoDecodeRequest.Parse(arguments));
    }

    [Fact]
    public void Header_prepared_and_refused_reports_survive_their_trip_through_stdout()
    {
        var header = PhotoDecoderReport.Header(8064, 6048);
        var prepared = PhotoDecoderReport.Prepared(6048, 8064, 2880, 3840, 10_803, 357_228_544);
        var refused = PhotoDecoderReport.Refused(RejectionReasons.TooLarge, MediaMessages.PhotoShape(1, 40_000_000), "shape 1x40000000");

        Assert.Equal(header, PhotoDecoderReport.Parse(header.ToJsonLine()));
        Assert.Equal(prepared, PhotoDecoderReport.Parse(prepared.ToJsonLine()));
        Assert.Equal(refused, PhotoDecoderReport.Parse(refused.ToJsonLine()));
        Assert.Equal("""{"kind":"header","width":8064,"height":6048}""", header.ToJsonLine());
        Assert.DoesNotContain('\n', refused.ToJsonLine());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("magick: some library's warning")]
    [InlineData("{not json")]
    [InlineData("""{"kind":"header","width":0,"height":6048}""")]
    [InlineData("""{"kind":"prepared","width":10,"height":10}""")]
    [InlineData("""{"kind":"refused","reason":"timeout","message":"slow"}""")]            // ours, never the decoder's to claim
    [InlineData("""{"kind":"refused","reason":"processing_failed","message":"x"}""")]
    [InlineData("""{"kind":"refused","reason":"corrupt","message":""}""")]
    [InlineData("""{"kind":"done"}""")]
    public void A_line_that_is_not_a_well_formed_report_is_ignored(string? line)
    {
        Assert.Null(PhotoDecoderReport.Parse(line));
    }

    [Fact]
    public void A_refusal_carries_only_the_medias_own_reasons()
    {
        Assert.Equal(
            [RejectionReasons.Corrupt, RejectionReasons.TooLarge, RejectionReasons.UnsupportedMedia],
            PhotoDecoderReport.RefusalReasons.Order(StringComparer.Ordinal));
        var tooLong = PhotoDecoderReport.Refused(RejectionReasons.Corrupt, new string('x', 501), "");
        Assert.Null(PhotoDecoderReport.Parse(tooLong.ToJsonLine()));
    }

    [Fact]
    public void The_exit_codes_tell_prepared_refused_and_usage_apart()
    {
        Assert.Equal(3, new[] { PhotoDecoderExit.Prepared, PhotoDecoderExit.Refused, PhotoDecoderExit.Usage }.Distinct().Count());
        Assert.Equal(0, PhotoDecoderExit.Prepared);
    }

    private static string[] Replace(string option, string value)
    {
        var arguments = Request.ToArguments().ToArray();
        arguments[Array.IndexOf(arguments, option) + 1] = value;
        return arguments;
    }
}
