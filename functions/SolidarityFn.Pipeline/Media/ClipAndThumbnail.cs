namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// The tail both normalisers share: the thumbnail ffmpeg and the clip + preview ffmpeg start together, and thumb.jpg is
/// handed over (stored) as soon as it exists while the clip encodes. Running the small thumbnail first used to put its
/// whole run, process start included, in front of the clip (BENCHMARKS.md).
/// </summary>
public static class ClipAndThumbnail
{
    /// <param name="clipTimeout">The clip run's wall-clock limit, scaled to the source (<see cref="MediaTimeouts.Transcode"/>).</param>
    public static Task RunAsync(
        FfmpegRunner runner,
        TimeSpan clipTimeout,
        MediaWorkspace workspace,
        string step,
        FfmpegCommand clipAndPreview,
        Func<CancellationToken, Task> makeThumbnail,
        Func<string, CancellationToken, Task> thumbnailReady,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(makeThumbnail);
        ArgumentNullException.ThrowIfNull(thumbnailReady);

        return ThumbnailFirst.RunAsync(
            async token =>
            {
                await makeThumbnail(token);
                await thumbnailReady(workspace.ThumbnailPath, token);
            },
            token => runner.RunAsync(step, clipAndPreview, clipTimeout, workspace.SensitivePaths, token),
            cancellationToken);
    }

    /// <summary>The preview the options ask for, no longer than the clip.</summary>
    public static PreviewRequest Preview(MediaOptions options, MediaWorkspace workspace, double clipSeconds)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workspace);
        return new PreviewRequest(workspace.PreviewPath, options.PreviewWidth, Math.Min(options.PreviewSeconds, clipSeconds), options.PreviewVideoKbps);
    }
}
