using Azure;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Processing;

/// <summary>Work item of the "processing" queue: process this upload again now.</summary>
public sealed record ProcessingWork(string CampaignId, string SubmissionId)
{
    public const string QueueName = "processing";
}

/// <summary>
/// An organizer's retry of an upload that faults kept from Ready: only a Failed submission whose raw upload is still
/// kept qualifies. It goes back to Uploaded with fresh attempts and is queued for processing now (the sweep would
/// find it too); the retry is audited.
/// </summary>
public sealed partial class ProcessingRetry(
    SubmissionStore submissions,
    StorageClients storage,
    AuditLog audit,
    TableQueue queue,
    TimeProvider time,
    ILogger<ProcessingRetry> logger)
{
    public async Task<Outcome<bool>> RetryAsync(string campaignId, string submissionId, Organizer actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var submission = await submissions.GetAsync(campaignId, submissionId, cancellationToken);
        if (submission is null)
        {
            return Problem.NotFound("The submission");
        }

        var raw = storage.Container(StorageNames.UploadsContainer).GetBlobClient(StorageNames.UploadBlob(campaignId, submissionId));
        if (submission.StatusValue != SubmissionStatus.Failed || submission.OriginalKeptUntil is null || !await raw.ExistsAsync(cancellationToken))
        {
            return Problem.Conflict("This submission cannot be processed again.", "Only a failed upload whose file is still kept can be retried.");
        }

        var before = new { submission.Status, submission.Reason, submission.ProcessingAttempts };
        var now = time.GetUtcNow();
        SubmissionLifecycle.Move(submission, SubmissionStatus.Uploaded, SubmissionActor.Organizer, logger);
        submission.Reason = null;
        submission.Message = null;
        submission.ProcessingAttempts = 0;
        submission.NextAttemptAt = now;

        // The retry itself may fault again: the upload stays kept at least the minimum from now.
        var keep = now.AddDays(UploadProcessor.MinKeepFailedDays);
        submission.OriginalKeptUntil = submission.OriginalKeptUntil > keep ? submission.OriginalKeptUntil : keep;
        if (!await submissions.TryReplaceAsync(submission, cancellationToken))
        {
            return Problem.Conflict("This submission is changing right now.", "Reload the list and try again.");
        }

        await audit.WriteAsync(
            new AuditRecord(campaignId, "submission.retry", actor, submissionId, before, new { submission.Status, submission.ProcessingAttempts }),
            cancellationToken);
        Log.Retried(logger, submissionId, campaignId);
        try
        {
            var key = submissionId + "@" + submission.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await queue.EnqueueAsync(ProcessingWork.QueueName, key, QueuePayload.Serialize(new ProcessingWork(campaignId, submissionId)), cancellationToken);
        }
        catch (RequestFailedException e)
        {
            // The row is due now: the sweep processes it on its next run.
            Log.NotQueued(logger, e, submissionId);
        }

        return Outcome<bool>.Ok(true);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Organizer retried processing of {SubmissionId} ({CampaignId})")]
        public static partial void Retried(ILogger logger, string submissionId, string campaignId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not queue the retry of {SubmissionId}; the sweep will process it")]
        public static partial void NotQueued(ILogger logger, Exception exception, string submissionId);
    }
}

/// <summary>Queue "processing": an organizer's retry, processed at once by the pump.</summary>
public sealed partial class ProcessingRetryHandler(UploadProcessor processor, ILogger<ProcessingRetryHandler> logger) : IQueueHandler
{
    public string QueueName => ProcessingWork.QueueName;

    /// <summary>As long as a processing claim lives before it is called stale.</summary>
    public TimeSpan? LeaseDuration => TimeSpan.FromMinutes(15);

    public async Task HandleAsync(QueueLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var work = lease.PayloadAs<ProcessingWork>() ?? throw new InvalidOperationException("The processing item has no payload.");
        try
        {
            var result = await processor.ProcessAsync(work.CampaignId, work.SubmissionId, cancellationToken);
            Log.Processed(logger, work.SubmissionId, result);
        }
        catch (TransientProcessingException e)
        {
            // The row holds the backoff and the sweep the next try: the queue item is done.
            Log.WillRetry(logger, e, work.SubmissionId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Retried upload {SubmissionId}: {Result}")]
        public static partial void Processed(ILogger logger, string submissionId, ProcessingResult result);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Retried upload {SubmissionId} faulted again; the sweep tries it when due")]
        public static partial void WillRetry(ILogger logger, Exception exception, string submissionId);
    }
}
