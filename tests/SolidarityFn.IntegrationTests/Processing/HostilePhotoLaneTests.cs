using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Processing;

/// <summary>
/// Issue 12: two photos whose decoders never finish do not take processing from everyone. Photos decode one at a time in
/// a lane of their own, the host processes three uploads at once, and a decoder over its time limit is killed and fails
/// its photo (too_large), once, with nothing kept.
/// <para>
/// The decoders are real (SolidarityFn.PhotoDecoder on a real 48-megapixel HEIC, under a test-only budget of 1.5 s of CPU
/// where it needs 3-5 s). The first is held with SIGSTOP once it is mid-decode (its resident set past 200 MB, its header
/// read, ~1 s of CPU spent) until the clip is Ready, which is what a decoder stuck on a hostile file looks like from
/// outside; then both run out of CPU budget. The assertions are about order, never durations.
/// </para>
/// </summary>
public sealed class HostilePhotoLaneTests(HostilePhotoStackFixture stack) : IClassFixture<HostilePhotoStackFixture>, IAsyncLifetime
{
    private const long MidDecodeRss = 200L * 1024 * 1024;

    private readonly HttpClient _http = stack.CreateClient();
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-hostile-photos-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task While_two_photos_are_stuck_in_their_decoders_an_ordinary_clip_reaches_ready_and_each_photo_then_fails_too_large_once_with_nothing_kept()
    {
        var photo = await LargePhoto.Heic48MegapixelAsync();
        var clipFile = await TestMedia.VideoAsync(_dir, "640x360", seconds: 2, audio: true);
        using var holder = new DecoderHolder(stack.WorkRoot);
        try
        {
            var first = await UploadAsync(photo, "image/heic");
            var second = await UploadAsync(photo, "image/heic");
            await holder.WaitForHeldAsync(1);

            var clip = await UploadAsync(clipFile, "video/mp4");
            var clipReceipt = await WaitForStatusAsync(clip, TimeSpan.FromMinutes(3));

            // The order: the clip is Ready while both photos are still being processed (one held mid-decode, one waiting).
            var photoStatuses = new[] { (await RowAsync(first)).GetString("Status"), (await RowAsync(second)).GetString("Status") };
            Assert.Equal("Ready", clipReceipt.GetProperty("status").GetString());
            Assert.Equal(["Processing", "Processing"], photoStatuses);
            holder.ReleaseAll();

            foreach (var ticket in new[] { first, second })
            {
                var receipt = await WaitForStatusAsync(ticket, TimeSpan.FromMinutes(5));
                Assert.Equal("Failed", receipt.GetProperty("status").GetString());
                Assert.Equal(RejectionReasons.TooLarge, receipt.GetProperty("reason").GetString());
                Assert.Equal(MediaMessages.PhotoTooSlow, receipt.GetProperty("message").GetString());
                await AssertNothingKeptAsync(ticket);
                var row = await RowAsync(ticket);
                Assert.Equal(1, row.GetInt32("ProcessingAttempts"));
                Assert.Null(row.GetDateTimeOffset("NextAttemptAt"));
            }

            // One decoder at a time: only the first was ever seen mid-decode while the clip was processed.
            Assert.Single(holder.Held);
            Assert.Empty(PhotoDecoderProcesses.Running(stack.WorkRoot));
        }
        finally
        {
            holder.ReleaseAll();
        }
    }

    private async Task<UploadApi.Ticket> UploadAsync(string path, string contentType)
    {
        var ticket = await UploadApi.IssueAsync(_http, new FileInfo(path).Length, contentType, Path.GetFileName(path));
        await new BlobClient(ticket.UploadUrl).UploadAsync(path);
        return ticket;
    }

    private async Task<TableEntity> RowAsync(UploadApi.Ticket ticket) =>
        (await stack.Tables.GetTableClient("Submissions").GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;

    private Task<JsonElement> WaitForStatusAsync(UploadApi.Ticket ticket, TimeSpan within) => UploadApi.SettledReceiptAsync(_http, ticket, within);

    private Task AssertNothingKeptAsync(UploadApi.Ticket ticket) =>
        SubmissionBlobs.AssertNothingKeptAsync(stack.Blobs, UploadApi.Campaign, ticket.SubmissionId);

    /// <summary>Holds every decoder of this host with SIGSTOP once it is mid-decode; lets them go at the end.</summary>
    private sealed class DecoderHolder : IDisposable
    {
        private readonly string _workRoot;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public DecoderHolder(string workRoot)
        {
            _workRoot = workRoot;
            _loop = Task.Run(LoopAsync);
        }

        public ConcurrentDictionary<int, byte> Held { get; } = new();

        public async Task WaitForHeldAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (Held.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, "No photo decoder reached the middle of its decode within 3 minutes");
                await Task.Delay(50);
            }
        }

        public void ReleaseAll()
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            _loop.Wait(TimeSpan.FromSeconds(10));
            foreach (var pid in PhotoDecoderProcesses.Running(_workRoot))
            {
                PhotoDecoderProcesses.Continue(pid);
            }
        }

        public void Dispose() => _stop.Dispose();

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var pid in PhotoDecoderProcesses.Running(_workRoot))
                {
                    if (!Held.ContainsKey(pid) && PhotoDecoderProcesses.Rss(pid) > MidDecodeRss)
                    {
                        PhotoDecoderProcesses.Stop(pid);
                        Held[pid] = 0;
                    }
                }

                await Task.Delay(20, CancellationToken.None);
            }
        }
    }
}
