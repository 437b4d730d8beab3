using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

public class ThumbnailFirstTests
{
    [Fact]
    public async Task The_thumbnail_is_handed_over_before_the_transcode_starts()
    {
        var order = new List<string>();
        await ThumbnailFirst.RunAsync(
            _ => { order.Add("thumbnail"); return Task.CompletedTask; },
            _ => { order.Add("transcode"); return Task.CompletedTask; },
            CancellationToken.None);
        Assert.Equal(["thumbnail", "transcode"], order);
    }

    [Fact]
    public async Task A_slow_thumbnail_upload_runs_alongside_the_transcode()
    {
        var upload = new TaskCompletionSource();
        var transcodeRan = false;
        var run = ThumbnailFirst.RunAsync(
            _ => upload.Task,
            _ => { transcodeRan = true; return Task.CompletedTask; },
            CancellationToken.None);
        Assert.True(transcodeRan);
        Assert.False(run.IsCompleted);
        upload.SetResult();
        await run;
    }

    [Fact]
    public async Task A_failed_transcode_wins_and_cancels_the_upload()
    {
        CancellationToken uploadToken = default;
        var rejected = await Assert.ThrowsAsync<MediaRejectedException>(() => ThumbnailFirst.RunAsync(
            async token => { uploadToken = token; await Task.Delay(Timeout.Infinite, token); },
            async _ => { await Task.Yield(); throw new MediaRejectedException(RejectionReasons.Corrupt, "bad"); },
            CancellationToken.None));
        Assert.Equal(RejectionReasons.Corrupt, rejected.Reason);
        Assert.True(uploadToken.IsCancellationRequested);
    }

    [Fact]
    public async Task A_failed_upload_cancels_the_transcode_and_is_reported()
    {
        CancellationToken transcodeToken = default;
        await Assert.ThrowsAsync<InvalidOperationException>(() => ThumbnailFirst.RunAsync(
            async _ => { await Task.Yield(); throw new InvalidOperationException("storage down"); },
            async token => { transcodeToken = token; await Task.Delay(Timeout.Infinite, token); },
            CancellationToken.None));
        Assert.True(transcodeToken.IsCancellationRequested);
    }
}
