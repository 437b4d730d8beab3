using System.Text;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>
/// Playlists and concat scripts dressed as videos must never make ffmpeg open a network address or another local file.
/// Canaries notice any attempt: a loopback TCP listener and a named pipe. Each is first shown to work (an unrestricted
/// ffprobe trips it), then the engine's own runs are checked to leave it untouched, including runs that bypass the
/// sniffer and hand the file straight to ffprobe/ffmpeg.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class HostileInputTests : IDisposable
{
    private readonly MediaHarness _harness = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("hostile it's 100% ").FullName;

    public void Dispose()
    {
        _harness.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_tcp_canary_notices_a_playlist_followed_without_restrictions()
    {
        using var canary = new TcpCanary();
        var playlist = await WriteAsync("control.mp4", Playlist(canary.Url("segment.ts")));

        await Tool.RunRawAsync("ffprobe", ["-v", "error", "-protocol_whitelist", "file,http,tcp", playlist], TimeSpan.FromSeconds(30));

        Assert.True(canary.Connections > 0, "control: an unrestricted ffprobe follows the playlist");
    }

    [Fact]
    public async Task An_hls_playlist_named_mp4_is_unsupported_and_never_followed()
    {
        using var canary = new TcpCanary();
        var run = await _harness.RunAsync(await WriteAsync("playlist.mp4", Playlist(canary.Url("segment.ts"))));

        Assert.Equal(RejectionReasons.UnsupportedMedia, run.Rejection?.Reason);
        await Task.Delay(200);
        Assert.Equal(0, canary.Connections);
    }

    [Fact]
    public async Task A_playlist_handed_straight_to_ffprobe_and_ffmpeg_is_read_as_mov_only()
    {
        using var canary = new TcpCanary();
        var playlist = await WriteAsync("direct.mp4", Playlist(canary.Url("segment.ts")));
        await AssertReadAsMovOnlyAsync(playlist);
        await Task.Delay(200);
        Assert.Equal(0, canary.Connections);
    }

    [Fact]
    public async Task A_playlist_behind_a_fake_mp4_header_passes_the_sniffer_but_is_never_followed()
    {
        using var canary = new TcpCanary();
        byte[] fakeHeader = [0, 0, 0, 16, .. "ftypisom\0\0\0\0"u8];
        var file = Path.Combine(_dir, "disguised.mp4");
        await File.WriteAllBytesAsync(file, [.. fakeHeader, .. Encoding.UTF8.GetBytes(Playlist(canary.Url("segment.ts")))]);

        var run = await _harness.RunAsync(file);

        Assert.Equal(RejectionReasons.Corrupt, run.Rejection?.Reason);
        await Task.Delay(200);
        Assert.Equal(0, canary.Connections);
    }

    [Fact]
    public async Task The_pipe_canary_notices_a_concat_script_followed_without_restrictions()
    {
        using var canary = await FifoCanary.CreateAsync(Path.Combine(_dir, "control.fifo"));
        var script = await WriteAsync("control.txt", Concat(canary.Path));

        var probe = Tool.RunRawAsync("ffprobe", ["-v", "error", "-f", "concat", "-safe", "0", "-i", script], TimeSpan.FromSeconds(30));
        Assert.True(await canary.OpenedWithinAsync(TimeSpan.FromSeconds(10)), "control: the concat demuxer opens the listed file");
        canary.Dispose();   // closing the pipe lets ffprobe finish
        await probe;
    }

    [Fact]
    public async Task A_concat_script_named_mp4_is_unsupported_and_never_followed()
    {
        using var canary = await FifoCanary.CreateAsync(Path.Combine(_dir, "target.fifo"));
        var run = await _harness.RunAsync(await WriteAsync("concat.mp4", Concat(canary.Path)));

        Assert.Equal(RejectionReasons.UnsupportedMedia, run.Rejection?.Reason);
        Assert.False(await canary.OpenedWithinAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_concat_script_handed_straight_to_ffprobe_and_ffmpeg_is_read_as_mov_only()
    {
        using var canary = await FifoCanary.CreateAsync(Path.Combine(_dir, "direct.fifo"));
        await AssertReadAsMovOnlyAsync(await WriteAsync("direct-concat.mp4", Concat(canary.Path)));
        Assert.False(await canary.OpenedWithinAsync(TimeSpan.FromMilliseconds(300)));
    }

    /// <summary>Skips the sniffer: the runner's ffprobe and a full clip command with the forced mov demuxer.</summary>
    private async Task AssertReadAsMovOnlyAsync(string file)
    {
        var probe = await Assert.ThrowsAsync<MediaRejectedException>(
            () => _harness.Runner.ProbeAsync(file, MediaSniffer.MovDemuxer, [_dir], CancellationToken.None));
        Assert.Equal(RejectionReasons.Corrupt, probe.Reason);

        var clip = NormalizeVideoCommand.Build(new VideoClipRequest(
            file, MediaSniffer.MovDemuxer, Path.Combine(_dir, "out.mp4"), new VideoGeometry(640, 360), HasAudio: false, 2, "veryfast", 20,
            _harness.Runner.LimitsFor(TimeSpan.FromSeconds(30))));
        var encode = await Assert.ThrowsAsync<MediaRejectedException>(
            () => _harness.Runner.RunAsync("clip", clip, TimeSpan.FromSeconds(30), [_dir], CancellationToken.None));
        Assert.Equal(RejectionReasons.Corrupt, encode.Reason);
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private static string Playlist(string segmentUrl) =>
        $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n{segmentUrl}\n#EXT-X-ENDLIST\n";

    /// <summary>An ffconcat script; quotes in the path are escaped the concat way ('\'') so the path is the real one.</summary>
    private static string Concat(string target) =>
        $"ffconcat version 1.0\nfile '{target.Replace("'", "'\\''", StringComparison.Ordinal)}'\n";
}
