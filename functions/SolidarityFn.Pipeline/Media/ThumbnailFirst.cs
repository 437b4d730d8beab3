namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// Runs the thumbnail side (make it, hand it to the caller) alongside the transcode, so that neither waits for the
/// other and organizers see the thumbnail within about a second. A failure on either side cancels the other; the transcode's failure (the
/// reason the submission fails) wins over a thumbnail upload cut short by that cancellation.
/// </summary>
public static class ThumbnailFirst
{
    public static async Task RunAsync(
        Func<CancellationToken, Task> thumbnailReady,
        Func<CancellationToken, Task> transcode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thumbnailReady);
        ArgumentNullException.ThrowIfNull(transcode);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var callback = thumbnailReady(linked.Token);
        Task work;
        try
        {
            work = transcode(linked.Token);
        }
        catch
        {
            await linked.CancelAsync();
            await Quietly(callback);
            throw;
        }

        var first = await Task.WhenAny(callback, work);
        if (first == work)
        {
            if (!work.IsCompletedSuccessfully)
            {
                await linked.CancelAsync();
                await Quietly(callback);
            }

            await work;
            await callback;
            return;
        }

        if (!callback.IsCompletedSuccessfully)
        {
            await linked.CancelAsync();
            await Quietly(work);
        }

        await callback;
        await work;
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // The other side's failure is the one reported.
        }
    }
}
