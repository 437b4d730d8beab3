using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Bench.Scenarios.Processing;

/// <summary>RSS while one step ran: the highest sample of the host, of its ffmpeg/ffprobe children and of its photo decoder.</summary>
public sealed record StepMemory(string Step, double FromSeconds, double ToSeconds, long HostMaxRss, long ChildrenMaxRss, long DecoderMaxRss);

/// <summary>What the memory phase found for one DevHost process (one GC mode).</summary>
public sealed record MemoryResult(
    string Gc,
    string DevHostDll,
    int Pid,
    long UploadBytes,
    double UploadSeconds,
    double CommitToReadySeconds,
    double? SourceDurationSeconds,
    long RssAfterStart,
    long PeakDuringWarmupClip,
    long RssBeforeUpload,
    long RssAtCommit,
    long PeakVmHwm,
    bool PeakWasReset,
    long SampledMaxRss,
    double SampledMaxAtSeconds,
    long ChildrenMaxRss,
    long DecoderMaxRss,
    long? DecoderPeakReported,
    int Samples,
    IReadOnlyList<StepMemory> Steps,
    IReadOnlyList<string> Problems)
{
    /// <summary>The verdict's figure: VmHWM (the kernel's own peak, nothing between samples is missed).</summary>
    public long Peak => Math.Max(PeakVmHwm, SampledMaxRss);

    public long DeltaOverCommit => Peak - RssAtCommit;
}

/// <summary>
/// Peak RSS of the host while it processes a ~1 GiB upload. The DevHost runs as its own process, so the bench's
/// client (which reads the 1 GiB file to upload it) is not counted. A bench campaign with a 2 GiB upload limit is
/// written through the pipeline's <see cref="CampaignStore"/> (the default campaign takes 500 MB); its 10 s maximum
/// stays, so ffmpeg trims the 650 s upload to 10 s.
/// </summary>
public static class MemoryPhase
{
    public const string CampaignId = "bench-large-upload";
    public const long MaxUploadBytes = 2L * 1024 * 1024 * 1024;

    public static async Task<MemoryResult> RunAsync(
        string dll,
        string connectionString,
        string phoneClip,
        string largeUpload,
        TimeSpan blobPollInterval,
        bool? serverGc,
        string workRoot,
        CancellationToken cancellationToken)
    {
        await using var host = await DevHostProcess.StartAsync(dll, connectionString, blobPollInterval, serverGc, workRoot, cancellationToken);
        var pid = host.ProcessId;
        var rssAfterStart = RssSampler.Rss(pid);

        var storage = new StorageClients(new BlobServiceClient(connectionString), new TableServiceClient(connectionString), credential: null);
        await new CampaignStore(storage).UpsertAsync(
            DefaultCampaign.Create() with
            {
                Id = CampaignId,
                Title = "Bench: large uploads",
                Limits = new CampaignLimits { MaxUploadBytes = MaxUploadBytes },
            },
            cancellationToken);

        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var client = new UploadClient(http, connectionString, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(250));

        // One ordinary clip first, so the host is warm (JIT, pools, connections) as it would be in service.
        await client.UploadAndWaitAsync(DefaultCampaign.Id, phoneClip, TimeSpan.FromMinutes(3), null, cancellationToken);
        var warmPeak = RssSampler.Peak(pid);
        var reset = RssSampler.ResetPeak(pid);
        var before = RssSampler.Rss(pid);

        long atCommit = 0;
        UploadOutcome outcome;
        IReadOnlyList<RssSample> samples;
        using (var sampler = new RssSampler(pid, TimeSpan.FromMilliseconds(50)))
        {
            outcome = await client.UploadAndWaitAsync(CampaignId, largeUpload, TimeSpan.FromMinutes(10), _ => atCommit = RssSampler.Rss(pid), cancellationToken);

            // The raw upload is deleted and the work folder removed after Ready: keep sampling until that is done.
            var raw = storage.Container(StorageNames.UploadsContainer).GetBlobClient(StorageNames.UploadBlob(CampaignId, outcome.SubmissionId));
            var until = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
            while (await raw.ExistsAsync(cancellationToken) && Stopwatch.GetTimestamp() < until)
            {
                await Task.Delay(100, cancellationToken);
            }

            await Task.Delay(500, cancellationToken);
            samples = sampler.Samples;
        }

        var hwm = RssSampler.Peak(pid);
        var t0 = outcome.Committed;
        var processing = samples.Where(s => s.At >= t0).ToList();
        var max = processing.Count > 0 ? processing.MaxBy(s => s.Rss)! : new RssSample(t0, 0, 0, 0);
        var decodes = host.PhotoDecodes(t0);

        // Steps: download (commit → first ffmpeg run) and each ffmpeg run as the host logged it, then storing and the rest.
        var runs = host.FfmpegRuns(t0).Concat(decodes.Select(d => (Step: "photo-decoder (own process)", d.End, d.Ms))).OrderBy(r => r.End).ToList();
        var steps = new List<StepMemory>();
        var previous = t0;
        foreach (var (step, end, ms) in runs)
        {
            var start = end - (long)(ms / 1000 * Stopwatch.Frequency);
            if (steps.Count == 0 || processing.Any(s => s.At > previous && s.At < start))
            {
                steps.Add(Window(steps.Count == 0 ? "commit → first ffprobe (delivery, claim, download, sniff)" : "between runs", previous, start, t0, processing));
            }

            steps.Add(Window(step.StartsWith("photo", StringComparison.Ordinal) ? step : "ffmpeg " + step, start, end, t0, processing));
            previous = end;
        }

        steps.Add(Window("store outputs, Ready, delete raw, clean up", previous, processing.Count > 0 ? processing[^1].At : previous, t0, processing));

        return new MemoryResult(
            host.Gc,
            dll,
            pid,
            outcome.Bytes,
            outcome.UploadSeconds,
            outcome.CommitToReadySeconds,
            outcome.Row.SourceDurationSeconds,
            rssAfterStart,
            warmPeak,
            before,
            atCommit,
            hwm,
            reset,
            max.Rss,
            UploadOutcome.Seconds(t0, max.At),
            processing.Count > 0 ? processing.Max(s => s.ChildrenRss) : 0,
            processing.Count > 0 ? processing.Max(s => s.DecoderRss) : 0,
            decodes.Count > 0 ? decodes.Max(d => d.PeakBytes) : null,
            processing.Count,
            steps,
            host.Problems(outcome.UploadStarted));
    }

    private static StepMemory Window(string step, long from, long to, long t0, IReadOnlyList<RssSample> samples)
    {
        var inside = samples.Where(s => s.At >= from && s.At <= to).ToList();
        return new StepMemory(
            step,
            UploadOutcome.Seconds(t0, from),
            UploadOutcome.Seconds(t0, to),
            inside.Count > 0 ? inside.Max(s => s.Rss) : 0,
            inside.Count > 0 ? inside.Max(s => s.ChildrenRss) : 0,
            inside.Count > 0 ? inside.Max(s => s.DecoderRss) : 0);
    }
}
