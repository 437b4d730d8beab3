using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Bench.Scenarios.Processing;

/// <summary>What the contributor's side saw of one upload (Stopwatch ticks; <see cref="Committed"/> is t0).</summary>
public sealed record UploadOutcome(
    string SubmissionId,
    long Bytes,
    long UploadStarted,
    long Committed,
    long? ThumbnailSeen,
    long ReadySeen,
    IReadOnlyList<string> Outputs,
    int Polls,
    SubmissionEntityView Row)
{
    public double CommitToReadySeconds => Seconds(Committed, ReadySeen);

    public double? CommitToThumbnailSeconds => ThumbnailSeen is { } t ? Seconds(Committed, t) : null;

    public double UploadSeconds => Seconds(UploadStarted, Committed);

    public static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
}

/// <summary>The Submissions columns the bench reads back.</summary>
public sealed record SubmissionEntityView(string Status, string? Reason, string? Message, int? SourceWidth, int? SourceHeight, double? SourceDurationSeconds, bool? SourceHadAudio);

/// <summary>
/// The contributor's side, as the upload page does it: POST the form to get a submission and a SAS URL, upload the
/// file by blocks of the size the intake says, then poll: every <paramref name="fastPoll"/> a listing of the media folder
/// and a read of the Submissions row until thumb.jpg appears, then the row alone every <paramref name="slowPoll"/>.
/// Polling costs CPU on the machine being measured (Azurite's event loop and this process), so the slow poll is the
/// part that runs while the clip encodes.
/// </summary>
public sealed class UploadClient(HttpClient http, string connectionString, TimeSpan fastPoll, TimeSpan slowPoll)
{
    private readonly TableClient _submissions = new TableServiceClient(connectionString).GetTableClient(StorageNames.SubmissionsTable);
    private readonly BlobContainerClient _media = new BlobServiceClient(connectionString).GetBlobContainerClient(StorageNames.MediaContainer);

    /// <summary>Called with the commit time (t0) once the block list is committed, before any polling.</summary>
    public async Task<UploadOutcome> UploadAndWaitAsync(
        string campaignId,
        string path,
        TimeSpan timeout,
        Action<long>? committed,
        CancellationToken cancellationToken)
    {
        var bytes = new FileInfo(path).Length;
        var (submissionId, uploadUrl, blockSize) = await IssueAsync(campaignId, bytes, cancellationToken);

        var upload = new BlobClient(uploadUrl);
        var started = Stopwatch.GetTimestamp();
        await upload.UploadAsync(
            path,
            new BlobUploadOptions
            {
                // Put Block × n, then Put Block List (the commit), as the page does; 4 blocks in flight.
                TransferOptions = new StorageTransferOptions { InitialTransferSize = blockSize, MaximumTransferSize = blockSize, MaximumConcurrency = 4 },
                HttpHeaders = new BlobHttpHeaders { ContentType = "video/mp4" },
            },
            cancellationToken);
        var t0 = Stopwatch.GetTimestamp();
        committed?.Invoke(t0);

        var prefix = StorageNames.MediaPrefix(campaignId, submissionId);
        long? thumbnail = null;
        var polls = 0;
        var deadline = t0 + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            polls++;
            if (thumbnail is null && (await ListAsync(prefix, cancellationToken)).Contains("thumb.jpg"))
            {
                thumbnail = Stopwatch.GetTimestamp();
            }

            var row = await ReadRowAsync(campaignId, submissionId, cancellationToken);
            var now = Stopwatch.GetTimestamp();
            if (row.Status == "Ready")
            {
                var outputs = await ListAsync(prefix, cancellationToken);
                if (!outputs.Contains("clip.mp4") || !outputs.Contains("thumb.jpg") || !outputs.Contains("preview.mp4"))
                {
                    throw new InvalidOperationException($"Submission {submissionId} is Ready with media [{string.Join(", ", outputs)}], not clip, thumbnail and preview.");
                }

                return new UploadOutcome(submissionId, bytes, started, t0, thumbnail ?? now, now, outputs, polls, row);
            }

            if (row.Status is "Failed" or "Rejected" or "Withdrawn" or "Expired")
            {
                throw new InvalidOperationException($"Submission {submissionId} ended {row.Status}: {row.Reason} {row.Message}");
            }

            if (now > deadline)
            {
                throw new TimeoutException($"Submission {submissionId} was still {row.Status} {timeout.TotalSeconds:0} s after the commit.");
            }

            await Task.Delay(thumbnail is null ? fastPoll : slowPoll, cancellationToken);
        }
    }

    /// <summary>POST /api/campaigns/{id}/uploads with the real size; the 201's submission id, SAS URL and block size.</summary>
    public async Task<(string SubmissionId, Uri UploadUrl, int BlockSize)> IssueAsync(string campaignId, long bytes, CancellationToken cancellationToken)
    {
        var body = new
        {
            fileName = "VID_20250614_181502.mp4",
            contentType = "video/mp4",
            sizeBytes = bytes,
            displayName = "Sam R.",
            union = "UFCW Local 1518",
            sector = "Grocery retail",
            city = "Vancouver, BC",
            caption = "ICE out of MN: Solidarity from grocery workers in Vancouver!",
            language = "en",
            consent = true,
            consentVersion = 1,
        };
        using var response = await http.PostAsJsonAsync($"/api/campaigns/{campaignId}/uploads", body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"The intake answered {(int)response.StatusCode}: {text}");
        }

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        return (
            root.GetProperty("submissionId").GetString()!,
            new Uri(root.GetProperty("uploadUrl").GetString()!),
            root.GetProperty("blockSizeBytes").GetInt32());
    }

    private async Task<List<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in _media.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            names.Add(blob.Name[prefix.Length..]);
        }

        return names;
    }

    private async Task<SubmissionEntityView> ReadRowAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        try
        {
            var row = (await _submissions.GetEntityAsync<TableEntity>(campaignId, submissionId, cancellationToken: cancellationToken)).Value;
            return new SubmissionEntityView(
                row.GetString("Status") ?? "?",
                row.GetString("Reason"),
                row.GetString("Message"),
                row.GetInt32("SourceWidth"),
                row.GetInt32("SourceHeight"),
                row.GetDouble("SourceDurationSeconds"),
                row.GetBoolean("SourceHadAudio"));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new SubmissionEntityView("deleted", null, null, null, null, null, null);
        }
    }
}
