using System.Text.Json;
using Microsoft.Playwright;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>
/// axe-core (npm, pinned in package.json) injected into a page from node_modules and run on the page as it is now.
/// </summary>
internal static class Axe
{
    public static string ScriptPath => Path.Combine(RepoPaths.Root, "node_modules", "axe-core", "axe.min.js");

    /// <summary>The violations of the WCAG 2.x A and AA rules and best practices, as "rule: target, target" lines.</summary>
    public static async Task<List<string>> ViolationsAsync(IPage page)
    {
        Assert.True(File.Exists(ScriptPath), $"{ScriptPath} is missing: run npm ci.");
        // Evaluated rather than added as a script tag: the pages' CSP (script-src 'self') refuses inline scripts, and
        // the test should not loosen it.
        await page.EvaluateAsync(await File.ReadAllTextAsync(ScriptPath));
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }))"
            + ".violations.map(v => ({ id: v.id, targets: v.nodes.map(n => n.target.join(' ')) }))");
        return json.EnumerateArray()
            .Select(v => v.GetProperty("id").GetString() + ": " + string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString())))
            .ToList();
    }
}
