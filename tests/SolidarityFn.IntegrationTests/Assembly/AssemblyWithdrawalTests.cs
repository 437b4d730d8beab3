using System.Globalization;
using System.Net;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>A contributor withdraws consent through the receipt after an assembly: the next assembly has no trace of the clip.</summary>
[Collection(UltrafastAssemblyStackCollection.Name)]
public sealed class AssemblyWithdrawalTests(UltrafastAssemblyStackFixture stack) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-asm-withdraw-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_clip_withdrawn_through_its_receipt_disappears_from_the_next_assembly()
    {
        Contribution[] contributions =
        [
            new(await AssemblySources.VideoAsync(_dir, "a.mp4", "320x240", 30, 2, tone: true), "video/mp4", "Kept clip from Toronto", "CUPE 4400", "Toronto"),
            new(await AssemblySources.VideoAsync(_dir, "b.mp4", "320x240", 30, 3.5, tone: true), "video/mp4", "Withdrawn clip from Duluth", "Teamsters Local 120", "Duluth"),
            new(await AssemblySources.VideoAsync(_dir, "c.mp4", "320x240", 30, 3, tone: true), "video/mp4", "Kept clip from Hamilton", "ONA Local 75", "Hamilton"),
        ];
        using var contributor = stack.CreateClient();
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        var tickets = new List<UploadApi.Ticket>();
        foreach (var contribution in contributions)
        {
            tickets.Add(await AssemblyFlow.UploadAsync(contributor, campaign, contribution));
        }

        await AssemblyFlow.WaitReadyAsync(contributor, tickets, TimeSpan.FromMinutes(2));
        foreach (var ticket in tickets)
        {
            await AssemblyFlow.ApproveAsync(organizer, campaign, ticket.SubmissionId);
        }

        var landscape = new { formats = new[] { "landscape" } };
        var first = await AssemblyFlow.AssembleAsync(stack, organizer, campaign, landscape);
        Assert.Equal(3, first.GetProperty("clipCount").GetInt32());
        Assert.Contains("Withdrawn clip from Duluth", await AssemblyFlow.TextAsync(AssemblyFlow.Outputs(first)["captions.vtt"]), StringComparison.Ordinal);
        // The cached segments of the first job: the cards (4 s and 5 s) and the clips (2 s, 3.5 s, 3 s), told apart by length.
        var segmentFiles = await SegmentsBySecondsAsync(campaign);
        Assert.Equal([2, 3, 3.5, 4, 5], segmentFiles.Keys.Order());
        Assert.Single(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.MixesPrefix(campaign))); // the sound of all three

        using (var withdraw = await contributor.SendAsync(UploadApi.Receipt(HttpMethod.Delete, tickets[1].SubmissionId, tickets[1].ReceiptToken)))
        {
            Assert.Equal(HttpStatusCode.NoContent, withdraw.StatusCode);
        }

        // The withdrawal deleted the clip's cached segments with its media, and the cached mix that carried its voice.
        Assert.Empty(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.ClipSegmentsPrefix(campaign, tickets[1].SubmissionId)));
        Assert.Equal(4, (await AssemblyFlow.SegmentBlobsAsync(stack, campaign)).Count);
        Assert.Empty(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.MixesPrefix(campaign)));

        var second = await AssemblyFlow.AssembleAsync(stack, organizer, campaign, landscape);
        Assert.NotEqual(first.GetProperty("assemblyId").GetString(), second.GetProperty("assemblyId").GetString());
        Assert.Equal(2, second.GetProperty("clipCount").GetInt32());
        Assert.Equal(4, second.GetProperty("segmentsRendered").GetInt32() + second.GetProperty("segmentsReused").GetInt32());
        var outputs = AssemblyFlow.Outputs(second);
        var vtt = await AssemblyFlow.TextAsync(outputs["captions.vtt"]);
        Assert.Contains("Kept clip from Toronto", vtt, StringComparison.Ordinal);
        Assert.Contains("Kept clip from Hamilton", vtt, StringComparison.Ordinal);
        Assert.DoesNotContain("Withdrawn clip from Duluth", vtt, StringComparison.Ordinal);
        var credits = await AssemblyFlow.TextAsync(outputs["credits.txt"]);
        Assert.Equal(2, credits.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("Teamsters Local 120", credits, StringComparison.Ordinal);
        Assert.DoesNotContain("Duluth", credits, StringComparison.Ordinal);

        // The video is the segments joined: every decoded picture of the kept clips' segments is in it, and none of the
        // pictures that only the withdrawn clip's segment has (black fade frames may be shared with other segments).
        // Decoded pictures, not packets: the joined file's packets are not byte-identical to the segments' (the join repackages them).
        var video = await AssemblyFlow.DownloadAsync(outputs["landscape.mp4"], _dir, "second.mp4");
        var pictures = (await FrameHashesAsync(video)).ToHashSet(StringComparer.Ordinal);
        var kept = (await FrameHashesAsync(segmentFiles[2])).Concat(await FrameHashesAsync(segmentFiles[3])).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(pictures, kept);
        var others = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in segmentFiles.Where(s => s.Key != 3.5).Select(s => s.Value))
        {
            others.UnionWith(await FrameHashesAsync(file));
        }

        var onlyWithdrawn = (await FrameHashesAsync(segmentFiles[3.5])).Where(h => !others.Contains(h)).ToHashSet(StringComparer.Ordinal);
        Assert.True(onlyWithdrawn.Count > 60, "the withdrawn clip's segment has pictures of its own");
        Assert.Empty(onlyWithdrawn.Intersect(pictures));
    }

    /// <summary>Every segment the campaign's cache holds, downloaded, by its length rounded to the half second.</summary>
    private async Task<Dictionary<double, string>> SegmentsBySecondsAsync(string campaign)
    {
        var container = stack.Blobs.GetBlobContainerClient(StorageNames.FinalContainer);
        var prefix = StorageNames.SegmentsPrefix(campaign);
        var segments = new Dictionary<double, string>();
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            if (item.Name.StartsWith(StorageNames.MixesPrefix(campaign), StringComparison.Ordinal))
            {
                continue;
            }

            var path = Path.Combine(_dir, "segment-" + segments.Count + ".mp4");
            await container.GetBlobClient(item.Name).DownloadToAsync(path);
            using var probe = await OutputAssert.ProbeAsync(path);
            var seconds = double.Parse(probe.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
            Assert.True(segments.TryAdd(Math.Round(seconds * 2) / 2, path), $"two segments of {seconds} s");
        }

        return segments;
    }

    /// <summary>MD5 of every decoded picture.</summary>
    private static async Task<List<string>> FrameHashesAsync(string path)
    {
        var lines = await Tool.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", path, "-map", "0:v:0", "-f", "framemd5", "-"]);
        return lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l[(l.LastIndexOf(',') + 1)..].Trim())
            .ToList();
    }
}
