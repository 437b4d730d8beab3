using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>
/// Every real phone file of tests/fixtures/phone through the real media engine (ffmpeg, ffprobe, Magick.NET): upright,
/// the source's shape recorded, one video and one audio stream, nothing of the phone left in tags or bytes, no hidden
/// second image carried over. Orientation is judged by SSIM against the source as ffmpeg (videos) or ImageMagick's own
/// tool (photos) turn it upright, with a half-turned reference as the control that must score far lower.
/// </summary>
public sealed class RealPhoneFileTests : IDisposable
{
    private const double SamePicture = 0.9;

    private readonly MediaHarness _harness = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-phone-").FullName;

    public void Dispose()
    {
        _harness.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_iphone_mov_turned_by_its_display_matrix_comes_out_upright_portrait_with_two_streams_and_nothing_of_the_phone()
    {
        var source = PhoneFiles.PathOf(PhoneFiles.IphoneMov);
        var run = await _harness.RunAsync(source);

        // Stored 568×320 with a −90° display matrix: the upright source is 320×568 portrait.
        var ok = run.Ok;
        Assert.Equal(MediaKind.Video, ok.Source.Kind);
        Assert.Equal((320, 568), (ok.Source.Width, ok.Source.Height));
        Assert.InRange(ok.Source.DurationSeconds, 3.9, 4.1);
        Assert.True(ok.Source.HadAudio);

        foreach (var output in new[] { ok.ClipPath, ok.PreviewPath })
        {
            await PhoneFiles.AssertOneVideoOneAudioAsync(output);
            await PhoneFiles.AssertNothingOfThePhoneAsync(output);
        }

        await PhoneFiles.AssertNothingOfThePhoneAsync(ok.ThumbnailPath);
        await PhoneFiles.AssertSingleJpegAsync(ok.ThumbnailPath);

        // The clip frame at 2 s against ffmpeg's own autorotated decode of the MOV at 2 s.
        var upright = await PhoneFiles.PictureSsimAsync(ok.ClipPath, 2, source, 2, 320, 568);
        var halfTurned = await PhoneFiles.PictureSsimAsync(ok.ClipPath, 2, source, 2, 320, 568, "hflip,vflip");
        Assert.True(upright >= SamePicture, $"clip SSIM {upright:0.000} against the upright source");
        Assert.True(halfTurned < upright - 0.15, $"control: half-turned reference scores {halfTurned:0.000}, upright {upright:0.000}");

        // The thumbnail is taken at 1 s (ThumbnailCommand.PickTime).
        var thumb = await PhoneFiles.PictureSsimAsync(ok.ThumbnailPath, 0, source, ThumbnailCommand.PickTime(ok.Source.DurationSeconds), 320, 568);
        Assert.True(thumb >= SamePicture, $"thumbnail SSIM {thumb:0.000}");

        await PhoneFiles.FrameAsync(ok.ClipPath, 2, Path.Combine(PhoneFiles.LookFolder, "mov clip 2s.png"));
        File.Copy(ok.ThumbnailPath, Path.Combine(PhoneFiles.LookFolder, "mov thumb.jpg"), overwrite: true);

        // Kept at its own upright shape (waits for the lead's framing change on main).
        Assert.Equal(PhoneFiles.ExpectedClipSize(320, 568), await PhoneFiles.VideoSizeAsync(ok.ClipPath));
    }

    [Fact]
    public async Task The_android_mp4_of_a_sixth_of_a_second_is_refused_as_too_short()
    {
        var run = await _harness.RunAsync(PhoneFiles.PathOf(PhoneFiles.AndroidShortMp4));

        Assert.Null(run.Result);
        Assert.Equal(RejectionReasons.TooShort, run.Rejection!.Reason);
        Assert.StartsWith("This video is only 0.1 seconds long.", run.Rejection.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run.WorkDir, "clip.mp4")));
    }

    [Fact]
    public async Task The_3gp_with_amr_audio_keeps_its_sound_at_broadcast_loudness()
    {
        var source = PhoneFiles.PathOf(PhoneFiles.ThreeGp);
        var run = await _harness.RunAsync(source);

        var ok = run.Ok;
        Assert.Equal((176, 144), (ok.Source.Width, ok.Source.Height));
        Assert.True(ok.Source.HadAudio);
        await PhoneFiles.AssertOneVideoOneAudioAsync(ok.ClipPath);
        await PhoneFiles.AssertOneVideoOneAudioAsync(ok.PreviewPath);
        await PhoneFiles.AssertNothingOfThePhoneAsync(ok.ClipPath);

        // AMR-NB at 8 kHz mono becomes 48 kHz stereo normalised towards −16 LUFS; a lost track would measure −70.
        var sourceLoudness = await PhoneFiles.IntegratedLoudnessAsync(source);
        var clipLoudness = await PhoneFiles.IntegratedLoudnessAsync(ok.ClipPath);
        Assert.True(sourceLoudness > -50, $"the source has sound: {sourceLoudness} LUFS");
        Assert.InRange(clipLoudness, -24, -12);

        var ssim = await PhoneFiles.PictureSsimAsync(ok.ClipPath, 2, source, 2, 176, 144);
        Assert.True(ssim >= SamePicture, $"clip SSIM {ssim:0.000}");
        await PhoneFiles.FrameAsync(ok.ClipPath, 2, Path.Combine(PhoneFiles.LookFolder, "3gp clip 2s.png"));
        Assert.Equal(PhoneFiles.ExpectedClipSize(176, 144), await PhoneFiles.VideoSizeAsync(ok.ClipPath));
    }

    [Theory]
    [InlineData(PhoneFiles.HeicGrid, 4032, 3024)]
    [InlineData(PhoneFiles.HeicPortrait, 3024, 4032)]
    [InlineData(PhoneFiles.ExtendedWebp, 1440, 900)]
    [InlineData(PhoneFiles.Iphone4Jpeg, 1296, 968)]
    [InlineData(PhoneFiles.GalaxyJpeg, 4128, 2322)]
    [InlineData(PhoneFiles.DepthMapJpeg, 768, 1024)]
    [InlineData(PhoneFiles.FaceJpeg, 840, 700)]
    public async Task A_real_phone_photo_is_upright_whole_and_stripped(string name, int width, int height)
    {
        var source = PhoneFiles.PathOf(name);
        var run = await _harness.RunAsync(source);

        var ok = run.Ok;
        var look = Path.GetFileNameWithoutExtension(name);
        await PhoneFiles.FrameAsync(ok.ClipPath, 0, Path.Combine(PhoneFiles.LookFolder, look + " clip 0s.png"));
        File.Copy(ok.ThumbnailPath, Path.Combine(PhoneFiles.LookFolder, look + " thumb.jpg"), overwrite: true);
        Assert.Equal(new SourceInfo(MediaKind.Photo, width, height, 0, HadAudio: false), ok.Source);
        await PhoneFiles.AssertOneVideoOneAudioAsync(ok.ClipPath);
        await PhoneFiles.AssertOneVideoOneAudioAsync(ok.PreviewPath);
        foreach (var output in new[] { ok.ClipPath, ok.PreviewPath, ok.ThumbnailPath })
        {
            await PhoneFiles.AssertNothingOfThePhoneAsync(output);
        }

        // No second image (the depth map, an EXIF thumbnail) rides along in the thumbnail.
        await PhoneFiles.AssertSingleJpegAsync(ok.ThumbnailPath);

        // The whole photo (a HEIC grid decoded as one 512×512 tile would fail this), the right way up.
        var reference = await PhoneFiles.UprightReferenceAsync(source, _dir);
        var thumb = await PhoneFiles.PictureSsimAsync(ok.ThumbnailPath, 0, reference, null, width, height);
        var clip = await PhoneFiles.PictureSsimAsync(ok.ClipPath, 0, reference, null, width, height);
        var halfTurned = await PhoneFiles.PictureSsimAsync(ok.ClipPath, 0, reference, null, width, height, "hflip,vflip");
        Assert.True(thumb >= SamePicture, $"thumbnail SSIM {thumb:0.000}");
        Assert.True(clip >= SamePicture, $"clip SSIM {clip:0.000}");
        Assert.True(halfTurned < clip - 0.1, $"control: half-turned reference scores {halfTurned:0.000}, upright {clip:0.000}");

        // Kept at its own upright shape (waits for the lead's framing change on main).
        Assert.Equal(PhoneFiles.ExpectedClipSize(width, height), await PhoneFiles.VideoSizeAsync(ok.ClipPath));
    }
}
