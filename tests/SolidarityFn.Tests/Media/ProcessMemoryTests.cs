using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

public class ProcessMemoryTests
{
    private const string Status = "Name:\tdotnet\nVmPeak:\t 3170740 kB\nVmHWM:\t  348856 kB\nVmRSS:\t  161020 kB\nThreads:\t19\n";

    [Fact]
    public void Resident_and_peak_sets_are_read_in_bytes_from_a_status_file()
    {
        Assert.Equal(161_020L * 1024, ProcessMemory.Parse(Status, "VmRSS:"));
        Assert.Equal(348_856L * 1024, ProcessMemory.Parse(Status, "VmHWM:"));
        Assert.Null(ProcessMemory.Parse(Status, "VmSwap:"));
        Assert.Null(ProcessMemory.Parse("VmRSS:\tlots kB\n", "VmRSS:"));
    }

    [Fact]
    public void This_process_has_a_resident_set_on_linux()
    {
        var rss = ProcessMemory.ResidentBytes(Environment.ProcessId);
        Assert.True(OperatingSystem.IsLinux() ? rss > 1_000_000 : rss is null);
    }
}
