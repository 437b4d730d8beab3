using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

public class DotnetMuxerTests
{
    private const string Runtime = "/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.1/";

    [Fact]
    public void A_host_started_as_dotnet_app_dll_starts_the_decoder_with_the_same_dotnet()
    {
        // Azure Flex Consumption: the worker runs as `dotnet SolidarityFn.Functions.dll`.
        var exists = Files("/usr/lib/dotnet/dotnet", "/usr/share/dotnet/dotnet");
        Assert.Equal("/usr/lib/dotnet/dotnet", DotnetMuxer.Find("/usr/lib/dotnet/dotnet", Runtime, null, exists));
    }

    [Fact]
    public void An_apphost_under_dotnet_run_finds_the_dotnet_of_the_runtime_it_loaded()
    {
        var exists = Files("/usr/share/dotnet/dotnet", "/elsewhere/dotnet");
        Assert.Equal(
            "/usr/share/dotnet/dotnet",
            DotnetMuxer.Find("/work/app/bin/Debug/net10.0/SolidarityFn.DevHost", Runtime, "/elsewhere", exists));
    }

    [Fact]
    public void Dotnet_root_then_path_when_the_runtime_folder_says_nothing()
    {
        Assert.Equal("/opt/dotnet/dotnet", DotnetMuxer.Find("/app/host", "/app/", "/opt/dotnet", Files("/opt/dotnet/dotnet")));
        Assert.Equal("dotnet", DotnetMuxer.Find("/app/host", "/app/", "/opt/dotnet", Files()));
        Assert.Equal("dotnet", DotnetMuxer.Find(null, null, null, Files()));
    }

    [Fact]
    public void A_process_path_named_dotnet_that_does_not_exist_is_not_trusted()
    {
        Assert.Equal("/usr/share/dotnet/dotnet", DotnetMuxer.Find("/gone/dotnet", Runtime, null, Files("/usr/share/dotnet/dotnet")));
    }

    [Fact]
    public void The_muxer_found_here_runs_this_very_runtime()
    {
        var found = DotnetMuxer.Find();
        Assert.True(found == "dotnet" || File.Exists(found), found);
    }

    private static Func<string, bool> Files(params string[] paths) => p => paths.Contains(p, StringComparer.Ordinal);
}
