using Azure.Storage.Blobs.Models;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>Real media for seeded clips, made once with ffmpeg's lavfi sources: thumb.jpg, preview.mp4, clip.mp4.</summary>
public sealed class ReviewMediaFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "solidarityfn-review-" + Guid.NewGuid().ToString("N"));

    public string Thumbnail => Path.Combine(_directory, "thumb.jpg");

    public string Preview => Path.Combine(_directory, "preview.mp4");

    public string Clip => Path.Combine(_directory, "clip.mp4");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await TestMedia.RunAsync("ffmpeg",
        [
            "-nostdin", "-y", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=480x270:rate=30",
            "-frames:v", "1", Thumbnail,
        ]);
        await TestMedia.VideoAsync(_directory, "640x360", 6, audio: true, name: "preview.mp4");
        await TestMedia.VideoAsync(_directory, "1280x720", 6, audio: true, name: "clip.mp4");
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>What a seeded contributor typed.</summary>
/// <param name="SourceWidth">The upright source's width as processing recorded it.</param>
internal sealed record SeedClip(string Caption, string Union, string Sector, string City, string? DisplayName = null, int SourceWidth = 1280, int SourceHeight = 720);

/// <summary>
/// Campaigns and Ready submissions written through the pipeline's own stores, the way intake and UploadProcessor
/// write them (Issued → Processing → media stored → Ready with source and clip length), so the review lists hold them.
/// </summary>
internal static class ReviewSeed
{
    public static async Task<string> CampaignAsync(StackFixture stack)
    {
        var id = "review-ui-" + Guid.NewGuid().ToString("N")[..10];
        var campaigns = stack.Services.GetRequiredService<CampaignStore>();
        Assert.True(await campaigns.AddIfAbsentAsync(DefaultCampaign.Create() with { Id = id, Title = "Review desk test " + id[^4..] }, CancellationToken.None));
        return id;
    }

    /// <summary>Seeds clips in order, each ready a minute after the one before (so the Ready list shows the last first).</summary>
    public static async Task<List<SubmissionEntity>> ReadyAsync(StackFixture stack, ReviewMediaFixture media, string campaignId, params SeedClip[] clips)
    {
        var seeded = new List<SubmissionEntity>();
        var start = DateTimeOffset.UtcNow.AddMinutes(-clips.Length - 5);
        for (var i = 0; i < clips.Length; i++)
        {
            seeded.Add(await ReadyAsync(stack, media, campaignId, clips[i], start.AddMinutes(i)));
        }

        return seeded;
    }

    public static async Task<SubmissionEntity> ReadyAsync(StackFixture stack, ReviewMediaFixture media, string campaignId, SeedClip clip, DateTimeOffset readyAt)
    {
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var submission = await ProcessingAsync(store, campaignId, clip, readyAt, new FileInfo(media.Clip).Length);
        var container = stack.Blobs.GetBlobContainerClient(StorageNames.MediaContainer);
        var prefix = StorageNames.MediaPrefix(campaignId, submission.SubmissionId);
        foreach (var (name, path, type) in new[] { ("thumb.jpg", media.Thumbnail, "image/jpeg"), ("preview.mp4", media.Preview, "video/mp4"), ("clip.mp4", media.Clip, "video/mp4") })
        {
            await container.GetBlobClient(prefix + name).UploadAsync(path, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = type } });
        }

        submission.StatusValue = SubmissionStatus.Ready;
        submission.ClaimId = null;
        submission.ClaimedAt = null;
        submission.ProcessedAt = readyAt;
        submission.SourceKind = "video";
        submission.SourceWidth = clip.SourceWidth;
        submission.SourceHeight = clip.SourceHeight;
        submission.SourceDurationSeconds = 6;
        submission.SourceHadAudio = true;
        submission.ClipSeconds = 6;
        Assert.True(await store.TryReplaceAsync(submission, CancellationToken.None));
        return submission;
    }

    /// <summary>A submission that processing refused, as UploadProcessor leaves it: no media, a reason and a message.</summary>
    public static async Task<SubmissionEntity> FailedAsync(StackFixture stack, string campaignId, SeedClip clip, string reason, string message)
    {
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var submission = await ProcessingAsync(store, campaignId, clip, DateTimeOffset.UtcNow.AddMinutes(-2), 1000);
        submission.StatusValue = SubmissionStatus.Failed;
        submission.Reason = reason;
        submission.Message = message;
        submission.ClaimId = null;
        submission.ClaimedAt = null;
        Assert.True(await store.TryReplaceAsync(submission, CancellationToken.None));
        return submission;
    }

    /// <summary>Issued (the intake's insert), then claimed for processing.</summary>
    private static async Task<SubmissionEntity> ProcessingAsync(SubmissionStore store, string campaignId, SeedClip clip, DateTimeOffset doneAt, long sizeBytes)
    {
        var issuedAt = doneAt.AddMinutes(-1);
        var submission = new SubmissionEntity
        {
            PartitionKey = campaignId,
            RowKey = SubmissionIds.New(),
            DisplayName = clip.DisplayName,
            Union = clip.Union,
            Sector = clip.Sector,
            City = clip.City,
            Caption = clip.Caption,
            Language = "en",
            DeclaredContentType = "video/mp4",
            DeclaredSizeBytes = sizeBytes,
            ConsentVersion = 1,
            ConsentedAt = issuedAt,
            ReceiptTokenHash = "not-a-real-hash",
            IssuedAt = issuedAt,
            UploadExpiresAt = issuedAt.AddMinutes(15),
        };
        await store.AddAsync(submission, CancellationToken.None);

        submission.StatusValue = SubmissionStatus.Processing;
        submission.ClaimId = Guid.NewGuid().ToString("N");
        submission.ClaimedAt = doneAt.AddSeconds(-20);
        Assert.True(await store.TryReplaceAsync(submission, CancellationToken.None));
        return submission;
    }
}
