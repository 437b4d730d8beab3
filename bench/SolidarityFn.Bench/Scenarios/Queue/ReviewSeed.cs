using System.Diagnostics;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Bench.Scenarios.Queue;

/// <summary>What seeding wrote: the campaign, how many submissions in each list, and how long it took.</summary>
public sealed record ReviewSeedResult(string CampaignId, int Ready, int Approved, int Rejected, int Writes, double Seconds)
{
    public int Total => Ready + Approved + Rejected;

    public double WritesPerSecond => Writes / Seconds;
}

/// <summary>
/// A fresh campaign with its submissions written the way the pipeline writes them, through its own
/// <see cref="SubmissionStore"/>: the intake's insert (Issued), then Ready with the source fields as
/// UploadProcessor.MarkReadyAsync sets them (one transaction with the list row), then for some an organizer's
/// decision (Approved with a position, or Rejected with a reason), which moves the list row in another transaction.
/// </summary>
public static class ReviewSeed
{
    public const int Parallelism = 16;

    private static readonly string[] Names = ["Sam R.", "Ana", "Marie-Claude T.", "", "Dev P.", "Jo", "Kwame A.", "Lin"];
    private static readonly string[] Unions = ["UFCW Local 1518", "ETFO Local 12", "CUPE 3903", "Unifor Local 444", "ATU Local 113", "SEIU Healthcare", "USW Local 1005", "BCGEU"];
    private static readonly string[] Sectors = ["Grocery retail", "Education", "Higher education", "Auto manufacturing", "Public transit", "Health care", "Steel", "Public service"];
    private static readonly string[] Cities = ["Vancouver, BC", "Toronto, ON", "Montréal, QC", "Windsor, ON", "Halifax, NS", "Winnipeg, MB", "Hamilton, ON", "Victoria, BC"];
    private static readonly string[] Captions =
    [
        "ICE out of MN: Solidarity from grocery workers in Vancouver!",
        "Toronto teachers support Minnesota workers",
        "Abolish ICE: Defend migrant workers. From our picket line to yours.",
        "We support Minnesota workers! Solidarité de Montréal.",
        "Transit workers stand with Minneapolis",
        "Nurses and care aides from Winnipeg: an injury to one is an injury to all.",
    ];

    public static async Task<ReviewSeedResult> RunAsync(
        StorageClients storage, string campaignId, int ready, int approved, int rejected, CancellationToken cancellationToken)
    {
        foreach (var table in StorageNames.Tables)
        {
            await storage.Tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        await new CampaignStore(storage).UpsertAsync(DefaultCampaign.Create() with { Id = campaignId }, cancellationToken);
        var store = new SubmissionStore(storage);

        // Decisions are spread among the Ready ones in time (fixed seed, so every run seeds the same shape).
        var total = ready + approved + rejected;
        var kinds = Enumerable.Repeat(SubmissionStatus.Ready, ready)
            .Concat(Enumerable.Repeat(SubmissionStatus.Approved, approved))
            .Concat(Enumerable.Repeat(SubmissionStatus.Rejected, rejected))
            .ToArray();
        new Random(20_251_120).Shuffle(kinds);
        var positions = new int[total];
        for (int i = 0, next = 1; i < total; i++)
        {
            positions[i] = kinds[i] == SubmissionStatus.Approved ? next++ : 0;
        }

        // Ready over the last ~2 days, one every 15 s.
        var first = DateTimeOffset.UtcNow.AddSeconds(-15.0 * total - 600);
        var writes = 0;
        var start = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, total),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var issuedAt = first.AddSeconds(15.0 * i);
                var submission = Issued(campaignId, i, issuedAt);
                await store.AddAsync(submission, ct);
                MakeReady(submission, i, issuedAt.AddSeconds(40));
                EnsureWritten(await store.TryReplaceAsync(submission, ct), submission);
                var written = 2;
                if (kinds[i] != SubmissionStatus.Ready)
                {
                    Decide(submission, kinds[i], positions[i], issuedAt.AddHours(1));
                    EnsureWritten(await store.TryReplaceAsync(submission, ct), submission);
                    written++;
                }

                Interlocked.Add(ref writes, written);
            });

        return new ReviewSeedResult(campaignId, ready, approved, rejected, writes, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>The row the intake inserts (IntakeService): what the contributor typed, consent, receipt hash.</summary>
    private static SubmissionEntity Issued(string campaignId, int i, DateTimeOffset at) => new()
    {
        PartitionKey = campaignId,
        RowKey = SubmissionIds.New(),
        StatusValue = SubmissionStatus.Issued,
        DisplayName = Names[i % Names.Length] is { Length: > 0 } name ? name : null,
        Union = Unions[i % Unions.Length],
        Sector = Sectors[(i / 3) % Sectors.Length],
        City = Cities[(i / 7) % Cities.Length],
        Caption = Captions[i % Captions.Length],
        Language = i % 5 == 3 ? "fr" : "en",
        DeclaredContentType = i % 4 == 0 ? "image/jpeg" : "video/mp4",
        DeclaredSizeBytes = i % 4 == 0 ? 3_145_728 : 38_547_210,
        ConsentVersion = 1,
        ConsentedAt = at,
        ReceiptTokenHash = ReceiptTokens.Create(campaignId).Hash,
        IssuedAt = at,
        UploadExpiresAt = at.AddMinutes(15),
    };

    /// <summary>As UploadProcessor.MarkReadyAsync: status, claim cleared, processed time, source fields, clip length.</summary>
    private static void MakeReady(SubmissionEntity submission, int i, DateTimeOffset at)
    {
        var photo = i % 4 == 0;
        submission.StatusValue = SubmissionStatus.Ready;
        submission.ClaimId = null;
        submission.ClaimedAt = null;
        submission.ProcessingAttempts = 1;
        submission.ProcessedAt = at;
        submission.SourceKind = photo ? "photo" : "video";
        submission.SourceWidth = photo ? 3024 : 1080;
        submission.SourceHeight = photo ? 4032 : 1920;
        submission.SourceDurationSeconds = photo ? 0 : 6 + (i % 5);
        submission.SourceHadAudio = !photo;
        submission.ClipSeconds = photo ? 5 : 6 + (i % 5);
    }

    /// <summary>As ReviewDecisions: approved clips get the next position, rejected ones a reason; both a decision time.</summary>
    private static void Decide(SubmissionEntity submission, SubmissionStatus decision, int position, DateTimeOffset at)
    {
        submission.StatusValue = decision;
        submission.DecidedAt = at;
        submission.Position = decision == SubmissionStatus.Approved ? position : null;
        submission.RejectionReason = decision == SubmissionStatus.Rejected ? "A child's face is visible" : null;
    }

    private static void EnsureWritten(bool written, SubmissionEntity submission)
    {
        if (!written)
        {
            // Nothing else writes this fresh campaign: a lost If-Match here means the seeding itself is wrong.
            throw new InvalidOperationException($"Seeding lost an If-Match race on {submission.SubmissionId}.");
        }
    }
}
