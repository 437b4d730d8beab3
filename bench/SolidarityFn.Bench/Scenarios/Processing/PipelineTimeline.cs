using System.Diagnostics;
using System.Globalization;

namespace SolidarityFn.Bench.Scenarios.Processing;

/// <summary>One step of a pipeline round, from the previous milestone to this one, in seconds.</summary>
public sealed record TimelineStep(string Key, string Label, double? Seconds);

/// <summary>
/// Where commit → Ready went in one pipeline round, from the DevHost's storage calls and log messages
/// (<see cref="PipelineTrace"/>). Milestones follow each other, so the steps add up to commit → Ready written (the
/// DevHost's If-Match write of Status = Ready answered by the table).
/// </summary>
public sealed record PipelineTimeline(
    IReadOnlyList<TimelineStep> Steps,
    double? ThumbnailStoredSeconds,
    double? ThumbnailUploadSeconds,
    double? ReadyWrittenSeconds,
    IReadOnlyDictionary<string, double> FfmpegSeconds,
    IReadOnlyList<string> Warnings)
{
    public static readonly (string Key, string Label)[] StepNames =
    [
        ("delivery", "commit → processor starts (blob event: DevHost poll + list)"),
        ("claim", "row read, ETag claim, campaign read, blob properties"),
        ("download", "download to the work folder + content sniff"),
        ("probe", "ffprobe"),
        ("clip", "clip + preview ffmpeg (thumbnail ffmpeg and thumb.jpg upload alongside)"),
        ("store", "upload preview.mp4 + clip.mp4"),
        ("ready", "Ready row write (If-Match)"),
    ];

    public double? Step(string key) => Steps.FirstOrDefault(s => s.Key == key)?.Seconds;

    public static PipelineTimeline From(
        string campaignId,
        string submissionId,
        long t0,
        IReadOnlyList<StorageCall> calls,
        IReadOnlyList<PipelineEvent> events)
    {
        var row = $"Submissions(PartitionKey='{campaignId}',RowKey='{submissionId}')";
        var raw = $"uploads/{campaignId}/{submissionId}";
        var media = $"media/{campaignId}/{submissionId}/";
        var after = calls.Where(c => c.Start >= t0).OrderBy(c => c.Start).ToList();

        var firstRowRead = after.FirstOrDefault(c => c.Method == "GET" && c.Target == row);
        var rowWrites = after.Where(c => c.Method is "PUT" or "MERGE" or "PATCH" && c.Target == row).ToList();
        var downloadStart = after.FirstOrDefault(c => c.Method == "GET" && c.Target == raw);
        var thumbPut = after.FirstOrDefault(c => c.Method == "PUT" && c.Target.StartsWith(media + "thumb.jpg", StringComparison.Ordinal));
        var outputPuts = after.Where(c => c.Method == "PUT" && c.Target.StartsWith(media, StringComparison.Ordinal) && !c.Target.StartsWith(media + "thumb.jpg", StringComparison.Ordinal)).ToList();

        // FfmpegRunner: "ffmpeg {Step} finished in {ElapsedMs} ms", written when the run ends.
        var runs = events
            .Where(e => e.At >= t0 && e.Category.EndsWith(".FfmpegRunner", StringComparison.Ordinal) && e.Name == "Ran")
            .Select(e => (Step: e.Values.GetValueOrDefault("Step") ?? "?", End: e.At, Ms: double.Parse(e.Values.GetValueOrDefault("ElapsedMs") ?? "0", CultureInfo.InvariantCulture)))
            .ToList();
        (long Start, long End)? Run(string step) => runs.Where(r => r.Step == step).Select(r => ((long Start, long End)?)(r.End - (long)(r.Ms / 1000 * Stopwatch.Frequency), r.End)).FirstOrDefault();

        var probe = Run("probe");
        var clip = Run("clip");
        var readyWrite = rowWrites.Count >= 2 ? rowWrites[^1] : null;

        long?[] milestones =
        [
            firstRowRead?.Start,
            downloadStart?.Start,
            probe?.Start,
            probe?.End,
            clip?.End,
            outputPuts.Count > 0 ? outputPuts.Max(c => c.End) : null,
            readyWrite?.End,
        ];
        var steps = new List<TimelineStep>();
        long? previous = t0;
        for (var i = 0; i < StepNames.Length; i++)
        {
            var at = milestones[i];
            steps.Add(new TimelineStep(StepNames[i].Key, StepNames[i].Label, previous is { } p && at is { } a ? Sec(p, a) : null));
            previous = at;
        }

        var ffmpeg = runs.GroupBy(r => r.Step).ToDictionary(g => g.Key, g => g.Sum(r => r.Ms) / 1000, StringComparer.Ordinal);
        var warnings = events
            .Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)
            .Select(e => $"{e.Level} {e.Category}: {e.Message}")
            .ToList();
        return new PipelineTimeline(
            steps,
            thumbPut is null ? null : Sec(t0, thumbPut.End),
            thumbPut is null ? null : Sec(thumbPut.Start, thumbPut.End),
            readyWrite is null ? null : Sec(t0, readyWrite.End),
            ffmpeg,
            warnings);
    }

    private static double Sec(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
}
