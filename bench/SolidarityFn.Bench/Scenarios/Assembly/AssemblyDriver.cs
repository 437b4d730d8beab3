using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Bench.Scenarios.Assembly;

/// <summary>A finished assembly as its status reported it, and how long POST → Succeeded took on the bench's clock.</summary>
public sealed record AssemblyRun(string AssemblyId, double Seconds, int SegmentsRendered, int SegmentsReused, int ClipCount, Uri LandscapeUrl, int PumpRuns);

/// <summary>
/// The organizer's side over HTTP, as the integration tests drive it (AssemblyJobTests): a campaign with approved
/// clips seeded through the app's own <see cref="SubmissionStore"/> and the approve API, then POST /assemblies, the
/// queue pump run directly (<see cref="QueuePump.RunAsync"/>: no timer latency is counted), GET the status.
/// </summary>
public sealed class AssemblyDriver : IDisposable
{
    private static readonly string[] Landscape = ["landscape"];

    private readonly InProcessDevHost _host;
    private readonly HttpClient _http;
    private readonly BlobContainerClient _media;

    public AssemblyDriver(InProcessDevHost host, string connectionString)
    {
        _host = host;
        _http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.OrganizerKey);
        _media = new BlobServiceClient(connectionString).GetBlobContainerClient(StorageNames.MediaContainer);
    }

    /// <summary>A fresh campaign (so its segment cache is empty) with every clip Ready and approved in order; returns the submission ids.</summary>
    public async Task<List<string>> SeedAsync(string campaignId, IReadOnlyList<BenchClip> clips, CancellationToken cancellationToken)
    {
        var services = _host.App.Services;
        await services.GetRequiredService<CampaignStore>().UpsertAsync(DefaultCampaign.Create() with { Id = campaignId }, cancellationToken);
        var store = services.GetRequiredService<SubmissionStore>();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var ids = new List<string>(clips.Count);
        foreach (var clip in clips)
        {
            var submission = new SubmissionEntity
            {
                PartitionKey = campaignId,
                RowKey = SubmissionIds.New(),
                DisplayName = "Sam R.",
                Union = clip.Union,
                Sector = clip.Sector,
                City = clip.City,
                Caption = clip.Caption,
                Language = "en",
                DeclaredContentType = "video/mp4",
                DeclaredSizeBytes = new FileInfo(clip.Path).Length,
                ConsentVersion = 1,
                ConsentedAt = at,
                ReceiptTokenHash = "bench",
                IssuedAt = at,
                UploadExpiresAt = at.AddMinutes(15),
            };
            await store.AddAsync(submission, cancellationToken);
            // As UploadProcessor.MarkReadyAsync leaves it.
            submission.StatusValue = SubmissionStatus.Ready;
            submission.ProcessedAt = at.AddMinutes(1);
            submission.SourceKind = "video";
            submission.SourceWidth = 1920;
            submission.SourceHeight = 1080;
            submission.SourceDurationSeconds = AssemblyMedia.ClipSeconds;
            submission.SourceHadAudio = true;
            submission.ClipSeconds = AssemblyMedia.ClipSeconds;
            if (!await store.TryReplaceAsync(submission, cancellationToken))
            {
                throw new InvalidOperationException($"Seeding lost an If-Match race on {submission.SubmissionId}.");
            }

            await _media.GetBlobClient(StorageNames.MediaPrefix(campaignId, submission.SubmissionId) + "clip.mp4").UploadAsync(clip.Path, overwrite: true, cancellationToken);
            await ApproveAsync(campaignId, submission.SubmissionId, caption: null, cancellationToken);
            ids.Add(submission.SubmissionId);
        }

        return ids;
    }

    /// <summary>POST .../approve (again, for an approved clip: the organizer edits its caption).</summary>
    public async Task ApproveAsync(string campaignId, string submissionId, string? caption, CancellationToken cancellationToken)
    {
        var uri = $"/api/campaigns/{campaignId}/submissions/{submissionId}/approve";
        using var response = caption is null
            ? await _http.PostAsJsonAsync(uri, new { }, cancellationToken)
            : await _http.PostAsJsonAsync(uri, new { caption }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"approve answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Times POST /assemblies (landscape, <paramref name="targetSeconds"/>) → pump → GET status Succeeded.</summary>
    public async Task<AssemblyRun> AssembleAsync(string campaignId, double targetSeconds, CancellationToken cancellationToken)
    {
        var pump = _host.App.Services.GetRequiredService<QueuePump>();
        var started = Stopwatch.GetTimestamp();
        using var start = await _http.PostAsJsonAsync($"/api/campaigns/{campaignId}/assemblies", new { formats = Landscape, targetSeconds }, cancellationToken);
        var body = await start.Content.ReadAsStringAsync(cancellationToken);
        if (start.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /assemblies answered {(int)start.StatusCode}: {body}");
        }

        var statusUrl = JsonDocument.Parse(body).RootElement.GetProperty("statusUrl").GetString()!;
        for (var run = 1; run <= 5; run++)
        {
            await pump.RunAsync(new PumpLimits(TimeSpan.FromMinutes(30), 10, 1), cancellationToken);
            var status = (await _http.GetFromJsonAsync<JsonElement>(statusUrl, cancellationToken));
            var state = status.GetProperty("status").GetString();
            if (state == "Succeeded")
            {
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var landscape = status.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "landscape.mp4");
                return new AssemblyRun(
                    status.GetProperty("assemblyId").GetString()!,
                    seconds,
                    status.GetProperty("segmentsRendered").GetInt32(),
                    status.GetProperty("segmentsReused").GetInt32(),
                    status.GetProperty("clipCount").GetInt32(),
                    new Uri(landscape.GetProperty("url").GetString()!),
                    run);
            }

            if (state == "Failed")
            {
                throw new InvalidOperationException($"The assembly failed: {status.GetProperty("message")}");
            }
        }

        throw new InvalidOperationException("The assembly did not finish in five pump runs.");
    }

    /// <summary>Downloads an output (not timed) so its duration can be probed.</summary>
    public static async Task DownloadAsync(Uri url, string path, CancellationToken cancellationToken)
    {
        using var plain = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        await using var source = await plain.GetStreamAsync(url, cancellationToken);
        await using var target = File.Create(path);
        await source.CopyToAsync(target, cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
