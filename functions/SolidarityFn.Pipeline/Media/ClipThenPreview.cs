namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// The tail both normalisers share: hand the thumbnail over while the mezzanine clip encodes, then cut the preview
/// from the finished clip (cheap: it reads 1080p H.264, not the phone's original).
/// </summary>
public static class ClipThenPreview
{
    public static async Task RunAsync(
        FfmpegRunner runner,
        MediaOptions options,
        MediaWorkspace workspace,
        string step,
        FfmpegCommand clip,
        double clipSeconds,
        Func<string, CancellationToken, Task> thumbnailReady,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(thumbnailReady);
        var sensitive = workspace.SensitivePaths;

        await ThumbnailFirst.RunAsync(
            token => thumbnailReady(workspace.ThumbnailPath, token),
            token => runner.RunAsync(step, clip, options.TranscodeTimeout, sensitive, token),
            cancellationToken);

        await runner.RunAsync(
            "preview",
            PreviewCommand.Build(
                workspace.ClipPath,
                workspace.PreviewPath,
                options.PreviewWidth,
                Math.Min(options.PreviewSeconds, clipSeconds),
                options.PreviewVideoKbps,
                runner.LimitsFor(options.TranscodeTimeout)),
            options.TranscodeTimeout,
            sensitive,
            cancellationToken);
    }
}
