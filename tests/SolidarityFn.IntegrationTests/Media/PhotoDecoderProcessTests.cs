using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>
/// Photos are decoded in a process of their own (SolidarityFn.PhotoDecoder) that the host kills on its time limit, its
/// memory limit or a cancellation. What is the photo's fault fails the photo (too_large, not retried); what is ours (no
/// decoder to start) is a tool fault, retried.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class PhotoDecoderProcessTests(MediaSamples samples)
{
    [Fact]
    public async Task A_48_megapixel_heic_is_decoded_out_of_process_and_the_decoders_peak_is_logged()
    {
        using var harness = new MediaHarness();

        var run = await harness.RunAsync(await LargePhoto.Heic48MegapixelAsync());

        Assert.Equal((LargePhoto.Width, LargePhoto.Height), (run.Ok.Source.Width, run.Ok.Source.Height));
        Assert.Contains(harness.Logs, line => line.Contains("prepared out of process: 8064x6048", StringComparison.Ordinal) && line.Contains("decoder peak RSS", StringComparison.Ordinal));
        Assert.Empty(PhotoDecoderProcesses.Running(run.WorkDir));
        harness.AssertLogsHaveNoPaths();
    }

    [Fact]
    public async Task A_decoder_over_its_memory_limit_is_killed_and_the_photo_refused_as_too_large()
    {
        // The 48 MP HEIC takes the decoder ~350 MB; the limit here is 128 MiB.
        using var harness = new MediaHarness(options => options.PhotoDecoderMemoryMib = 128);

        var run = await harness.RunAsync(await LargePhoto.Heic48MegapixelAsync());

        Assert.Equal(RejectionReasons.TooLarge, run.Rejection?.Reason);
        Assert.Equal(MediaMessages.PhotoTooMuchMemory, run.Rejection!.Message);
        Assert.Empty(PhotoDecoderProcesses.Running(run.WorkDir));
    }

    [Fact]
    public async Task A_decode_over_its_cpu_budget_is_killed_and_refused_as_too_large_not_as_a_timeout_of_ours()
    {
        // 300 ms of CPU for a 48 MP photo (it needs seconds), counted from its header: killed mid-decode.
        using var harness = new MediaHarness(options =>
        {
            options.PhotoDecodeCpuTime = TimeSpan.FromMilliseconds(300);
            options.PhotoMinDecodeCpuTime = TimeSpan.FromMilliseconds(300);
        });

        var run = await harness.RunAsync(await LargePhoto.Heic48MegapixelAsync());

        Assert.Equal(RejectionReasons.TooLarge, run.Rejection?.Reason);
        Assert.Equal(MediaMessages.PhotoTooSlow, run.Rejection!.Message);
        Assert.Contains(harness.Logs, line => line.Contains("8064x6048 not decoded within", StringComparison.Ordinal));
        Assert.Empty(PhotoDecoderProcesses.Running(run.WorkDir));
    }

    [Fact]
    public async Task A_decode_past_its_wall_clock_backstop_with_cpu_to_spare_is_our_fault_to_retry()
    {
        // A busy or stuck instance, not the photo: 300 ms of wall clock, the default CPU budget (~58 s for 48 MP).
        using var harness = new MediaHarness(options => options.PhotoDecodeTimeout = TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<MediaToolException>(async () => await harness.RunAsync(await LargePhoto.Heic48MegapixelAsync()));

        Assert.Contains(harness.Logs, line => line.Contains("the decoder did not finish within", StringComparison.Ordinal));
        Assert.Empty(PhotoDecoderProcesses.Running(harness.WorkRoot));
    }

    [Fact]
    public async Task Cancelling_kills_the_decoder_and_surfaces_as_cancellation()
    {
        using var harness = new MediaHarness();
        using var cancel = new CancellationTokenSource();
        var photo = await LargePhoto.Heic48MegapixelAsync();

        var running = harness.RunAsync(photo, cancellationToken: cancel.Token);
        await FirstDecoderAsync(harness.WorkRoot);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Empty(PhotoDecoderProcesses.Running(harness.WorkRoot));
    }

    [Fact]
    public async Task A_decoder_that_cannot_be_run_is_a_tool_fault_to_retry_not_a_refusal_of_the_photo()
    {
        using var harness = new MediaHarness(options => options.PhotoDecoderPath = "/nonexistent/SolidarityFn.PhotoDecoder.dll");

        await Assert.ThrowsAsync<MediaToolException>(() => harness.RunAsync(samples.JpegWithGps));

        Assert.Contains(harness.Logs, line => line.Contains("The photo decoder ended with exit code", StringComparison.Ordinal));
    }

    private static async Task FirstDecoderAsync(string folder)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (PhotoDecoderProcesses.Running(folder).Count > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException("No photo decoder started within 60 s.");
    }
}
