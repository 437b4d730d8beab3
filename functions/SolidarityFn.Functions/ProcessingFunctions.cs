using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Pipeline.Processing;

namespace SolidarityFn.Functions;

/// <summary>Every upload that lands becomes a review-ready clip or a clear failure.</summary>
public sealed class ProcessingFunctions(UploadProcessor processor, StalledUploadSweeper sweeper)
{
    /// <summary>Blob path of the trigger: the server-chosen name of every upload (DESIGN.md §3).</summary>
    public const string UploadPath = "uploads/{campaignId}/{submissionId}";

    /// <summary>
    /// Flex Consumption only delivers blob events through Event Grid. "Storage" is the app's data account:
    /// Storage__blobServiceUri with the managed identity in Azure.
    /// </summary>
    [Function(nameof(ProcessUpload))]
    public async Task ProcessUpload(
        [BlobTrigger(UploadPath, Source = BlobTriggerSource.EventGrid, Connection = "Storage")] BlobClient upload,
        string campaignId,
        string submissionId,
        CancellationToken cancellationToken)
    {
        // A transient failure throws, so the host redelivers; the submission row bounds the attempts.
        await processor.ProcessAsync(campaignId, submissionId, cancellationToken);
    }

    /// <summary>The safety net: stale claims, due retries, lost events, unused links, kept originals.</summary>
    [Function(nameof(SweepStalledUploads))]
    public async Task SweepStalledUploads(
        [TimerTrigger("0 */5 * * * *")] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        await sweeper.SweepAsync(cancellationToken);
    }
}
