using System.Globalization;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.IntegrationTests.Packaging;

/// <summary>The host settings README.md "host.json" explains; these fail when a value drifts from its reason.</summary>
public class HostJsonTests
{
    private static readonly JsonElement Host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json"))).RootElement;

    [Fact]
    public void Blob_triggered_processing_runs_three_uploads_at_a_time_so_two_photos_in_their_decode_lane_leave_a_slot_for_a_clip()
    {
        // Two photos (one decoding in its lane of one, one waiting for it) and the clip beside them.
        var slots = Host.GetProperty("extensions").GetProperty("blobs").GetProperty("maxDegreeOfParallelism").GetInt32();
        Assert.Equal(3, slots);
        Assert.Equal(1, new Pipeline.Media.MediaOptions().PhotoDecodeLanes);
        Assert.Equal(slots, new SolidarityFn.DevHost.DevHostOptions().BlobConcurrency);
    }

    [Fact]
    public void The_function_timeout_outlasts_a_pump_run_that_claims_an_assembly_at_the_end_of_its_budget()
    {
        var timeout = TimeSpan.Parse(Host.GetProperty("functionTimeout").GetString()!, CultureInfo.InvariantCulture);
        var pumpBudget = new QueueOptions().PumpBudget;

        // An assembly claimed just before the budget ends: 2 minutes of output in three formats at the slowest
        // measured rate (192 s per minute of output, BENCHMARKS.md), beside a second item on the same two cores.
        var longestAssembly = TimeSpan.FromSeconds(192 * 2 * 3 * 2);

        Assert.True(timeout >= pumpBudget + longestAssembly, $"functionTimeout {timeout} < {pumpBudget} + {longestAssembly}");
        Assert.True(timeout <= TimeSpan.FromHours(1), "Flex Consumption guarantees an execution only 60 minutes during scale-in");
    }

    [Fact]
    public void Requests_and_exceptions_are_never_sampled_out_and_function_logs_reach_application_insights()
    {
        var logging = Host.GetProperty("logging");
        var sampling = logging.GetProperty("applicationInsights").GetProperty("samplingSettings");

        Assert.True(sampling.GetProperty("isEnabled").GetBoolean());
        Assert.Equal(["Exception", "Request"], sampling.GetProperty("excludedTypes").GetString()!.Split(';').Order(StringComparer.Ordinal));
        Assert.Equal("Information", logging.GetProperty("logLevel").GetProperty("Function").GetString());
        Assert.Equal("Information", logging.GetProperty("logLevel").GetProperty("Host.Results").GetString());
    }
}
