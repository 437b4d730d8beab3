using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Bench.Scenarios.Processing;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Bench.Scenarios.Assembly;

/// <summary>A finished assembly as its status reported it, and how long POST → Succeeded took on the bench's clock.</summary>
/// <param name="Outputs">Every output the status lists (videos, captions, credits), by name, with its read-only URL.</param>
public sealed record AssemblyRun(string AssemblyId, double Seconds, int SegmentsRendered, int SegmentsReused, int ClipCount, IReadOnlyDictionary<string, Uri> Outputs, int PumpRuns)
{
    public Uri LandscapeUrl => Outputs["landscape.mp4"];
}

/// <summary>
/// The untimed wait before a PRERENDERED side: the campaign's prerender items run (<paramref name="Items"/> of them,
/// <paramref name="PumpSeconds"/> of pump runs, the segments their log reported), then the rest of the minute.
/// </summary>
/// <param name="SecondsSinceLastApproval">From the last approval's answer to the timed POST /assemblies.</param>
/// <param name="DeadLettered">Prerender items of the campaign that ended dead-lettered (their segments are missing).</param>
public sealed record PrerenderPhase(int Items, double PumpSeconds, int Rendered, int Reused, double SecondsSinceLastApproval, int DeadLettered);

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
    public Task<AssemblyRun> AssembleAsync(string campaignId, double targetSeconds, CancellationToken cancellationToken) =>
        AssembleAsync(campaignId, targetSeconds, Landscape, cancellationToken);

    /// <summary>Times POST /assemblies (<paramref name="formats"/>, <paramref name="targetSeconds"/>) → pump → GET status Succeeded.</summary>
    public async Task<AssemblyRun> AssembleAsync(string campaignId, double targetSeconds, IReadOnlyList<string> formats, CancellationToken cancellationToken)
    {
        var pump = _host.App.Services.GetRequiredService<QueuePump>();
        var started = Stopwatch.GetTimestamp();
        using var start = await _http.PostAsJsonAsync($"/api/campaigns/{campaignId}/assemblies", new { formats, targetSeconds }, cancellationToken);
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
                var outputs = status.GetProperty("outputs").EnumerateArray()
                    .ToDictionary(o => o.GetProperty("name").GetString()!, o => new Uri(o.GetProperty("url").GetString()!), StringComparer.Ordinal);
                return new AssemblyRun(
                    status.GetProperty("assemblyId").GetString()!,
                    seconds,
                    status.GetProperty("segmentsRendered").GetInt32(),
                    status.GetProperty("segmentsReused").GetInt32(),
                    status.GetProperty("clipCount").GetInt32(),
                    outputs,
                    run);
            }

            if (state == "Failed")
            {
                throw new InvalidOperationException($"The assembly failed: {status.GetProperty("message")}");
            }
        }

        throw new InvalidOperationException("The assembly did not finish in five pump runs.");
    }

    /// <summary>
    /// Runs the campaign's prerender items, as the timer would: each is due when its coalescing window ends
    /// (<see cref="AssemblyOptions.PrerenderDelay"/> after the approvals, as the app binds it), so this waits until the
    /// earliest is due and runs the pump, until none is pending; then it waits out the rest of
    /// <paramref name="sinceLastApproval"/> from <paramref name="lastApproval"/> (a Stopwatch timestamp). Not timed.
    /// </summary>
    public async Task<PrerenderPhase> PrerenderAsync(string campaignId, long lastApproval, TimeSpan sinceLastApproval, PipelineTrace trace, CancellationToken cancellationToken)
    {
        var services = _host.App.Services;
        var queue = services.GetRequiredService<TableQueue>();
        var pump = services.GetRequiredService<QueuePump>();
        var time = services.GetRequiredService<TimeProvider>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var pumpSeconds = 0.0;
        var (rendered, reused) = (0, 0);
        // A prerender that keeps failing is retried with backoff and then dead-lettered; an hour is far beyond that.
        var giveUpAt = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * TimeSpan.FromHours(1).TotalSeconds);
        while (true)
        {
            var pending = await ItemsAsync(queue, campaignId, QueueItemState.Pending, cancellationToken);
            keys.UnionWith(pending.Select(i => i.IdempotencyKey));
            if (pending.Count == 0)
            {
                break;
            }

            if (Stopwatch.GetTimestamp() > giveUpAt)
            {
                throw new InvalidOperationException($"The prerender items of {campaignId} were still pending after an hour.");
            }

            var due = pending.Min(i => i.VisibleAt) - time.GetUtcNow();
            if (due > TimeSpan.Zero)
            {
                // A little past the due time: a claim compares against the storage clock's view of "now".
                await Task.Delay(due + TimeSpan.FromMilliseconds(200), cancellationToken);
            }

            var begin = Stopwatch.GetTimestamp();
            var summary = await pump.RunAsync(new PumpLimits(TimeSpan.FromMinutes(60), 10, 1), cancellationToken);
            pumpSeconds += Stopwatch.GetElapsedTime(begin).TotalSeconds;
            if (summary.Claimed == 0)
            {
                // Due by our clock but not yet claimable: do not spin on the table.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }

            foreach (var e in trace.Drain().Events.Where(e => e.Name == "Prerendered"))
            {
                rendered += int.Parse(e.Values.GetValueOrDefault("Rendered") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                reused += int.Parse(e.Values.GetValueOrDefault("Reused") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var deadLettered = (await ItemsAsync(queue, campaignId, QueueItemState.DeadLetter, cancellationToken)).Count;
        var rest = sinceLastApproval - Stopwatch.GetElapsedTime(lastApproval);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, cancellationToken);
        }

        return new PrerenderPhase(keys.Count, pumpSeconds, rendered, reused, Stopwatch.GetElapsedTime(lastApproval).TotalSeconds, deadLettered);
    }

    /// <summary>
    /// Untimed check after a side: each video output (<paramref name="formats"/>) is listed and its URL answers a
    /// first-bytes range request with bytes. Returns what is wrong, or null.
    /// </summary>
    public static async Task<string?> CheckDownloadableAsync(AssemblyRun run, IReadOnlyList<string> formats, CancellationToken cancellationToken)
    {
        using var plain = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        var problems = new List<string>();
        foreach (var format in formats)
        {
            var name = format + ".mp4";
            if (!run.Outputs.TryGetValue(name, out var url))
            {
                problems.Add($"no {name} in the outputs");
                continue;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(0, 1023);
            using var response = await plain.SendAsync(request, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.PartialContent || bytes.Length == 0)
            {
                problems.Add($"{name} answered {(int)response.StatusCode} with {bytes.Length} bytes to a first-bytes range request");
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>The campaign's prerender items in one state (their keys are "{campaignId}@{window start}").</summary>
    private static async Task<List<QueueItem>> ItemsAsync(TableQueue queue, string campaignId, QueueItemState state, CancellationToken cancellationToken)
    {
        var items = new List<QueueItem>();
        string? token = null;
        do
        {
            var page = await queue.ListAsync(PrerenderWork.QueueName, state, 1000, token, cancellationToken);
            items.AddRange(page.Items.Where(i => i.IdempotencyKey.StartsWith(campaignId + "@", StringComparison.Ordinal)));
            token = page.ContinuationToken;
        }
        while (token is not null);
        return items;
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
