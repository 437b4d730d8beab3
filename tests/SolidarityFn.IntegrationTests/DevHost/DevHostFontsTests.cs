using Microsoft.Extensions.Options;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.IntegrationTests.DevHost;

[Collection(StackCollection.Name)]
public class DevHostFontsTests(StackFixture stack)
{
    [Fact]
    public void The_devhost_draws_with_the_fonts_shipped_beside_the_app_not_the_system_ones()
    {
        var fonts = stack.Services.GetRequiredService<SegmentRenderer>().Fonts;
        var shipped = Path.Combine(RepoPaths.Root, "functions", "SolidarityFn.Functions", "fonts");

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "fonts"), fonts.Folder);
        foreach (var name in AssemblyFonts.FileNames)
        {
            Assert.Equal(new FileInfo(Path.Combine(shipped, name)).Length, new FileInfo(Path.Combine(fonts.Folder, name)).Length);
        }

        Assert.Equal(File.ReadAllBytes(Path.Combine(shipped, AssemblyFonts.BoldFile)), File.ReadAllBytes(Path.Combine(fonts.Folder, AssemblyFonts.BoldFile)));
    }
}

public class DevHostFontsValidationTests
{
    [Fact]
    public async Task The_host_does_not_start_when_the_font_files_are_missing()
    {
        var dead = FreePorts.Next();
        var app = SolidarityFn.DevHost.DevHostApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
            ["Storage:ConnectionString"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteFixture.AccountKey};BlobEndpoint=http://127.0.0.1:{dead}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{dead}/devstoreaccount1;",
            ["DevHost:Provision"] = "false",
            ["Organizer:Key"] = StackFixture.OrganizerKey,
            ["Assembly:FontsPath"] = "/nonexistent/fonts",
            ["Logging:LogLevel:Default"] = "None",
        }));
        try
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

            Assert.Contains("Assembly:FontsPath", error.Message, StringComparison.Ordinal);
            Assert.Contains("/nonexistent/fonts/NotoSans-Bold.ttf", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
