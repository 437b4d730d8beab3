using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.InfraTests;

[Collection(CompiledTemplateGroup.Name)]
public sealed partial class StorageTemplateTests(CompiledTemplate compiled)
{
    private JsonObject Storage => compiled.Module("storage");

    private JsonObject Account => CompiledTemplate.OnlyResource(Storage, "Microsoft.Storage/storageAccounts");

    [Fact]
    public void Main_bicep_compiles_and_lints_with_no_errors_and_no_warnings()
    {
        Assert.Equal(0, compiled.ExitCode);
        Assert.Equal(string.Empty, compiled.Diagnostics);
    }

    [Fact]
    public void Account_allows_no_public_blobs_no_shared_keys_and_nothing_below_TLS_1_2()
    {
        var properties = Account["properties"]!;
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
    }

    [Fact]
    public void Every_container_and_table_the_code_uses_is_created_private()
    {
        var containers = CompiledTemplate.Variable(Storage, "dataContainers").AsArray().Select(n => (string)n!).ToList();
        var tables = CompiledTemplate.Variable(Storage, "tables").AsArray().Select(n => (string)n!).ToList();

        Assert.Equal(StorageNames.Containers.Order(), containers.Order());
        Assert.Equal(StorageNames.Tables.Order(), tables.Order());
        Assert.All(
            CompiledTemplate.Resources(Storage, "Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Assert.Equal("None", (string?)c["properties"]!["publicAccess"]));
    }

    [Fact]
    public void Blob_cors_allows_only_the_apps_origin_PUT_and_OPTIONS_and_the_headers_the_upload_page_sends()
    {
        var blobService = CompiledTemplate.OnlyResource(Storage, "Microsoft.Storage/storageAccounts/blobServices");
        var rule = Assert.Single(blobService["properties"]!["cors"]!["corsRules"]!.AsArray())!;

        var origin = Assert.Single(rule["allowedOrigins"]!.AsArray());
        Assert.Equal("[parameters('corsOrigin')]", (string?)origin);
        Assert.Equal("[variables('appOrigin')]", (string?)compiled.ModuleParameter("storage", "corsOrigin"));
        var appOrigin = (string)CompiledTemplate.Variable(compiled.Root, "appOrigin")!;
        Assert.StartsWith("[format('https://{0}', variables('appHost'))]", appOrigin, StringComparison.Ordinal);
        Assert.DoesNotContain("*", CompiledTemplate.Variable(compiled.Root, "appHost").ToString(), StringComparison.Ordinal);

        var methods = rule["allowedMethods"]!.AsArray().Select(m => (string)m!).ToList();
        Assert.Equal(["OPTIONS", "PUT"], methods.Order());

        var headers = rule["allowedHeaders"]!.AsArray().Select(h => (string)h!).ToList();
        Assert.Equal(HeadersTheUploadPageSends().Order(), headers.Order());
    }

    [Fact]
    public void A_lifecycle_rule_deletes_raw_uploads_and_outlives_the_longest_kept_original()
    {
        var policy = CompiledTemplate.OnlyResource(Storage, "Microsoft.Storage/storageAccounts/managementPolicies");
        var rule = Assert.Single(policy["properties"]!["policy"]!["rules"]!.AsArray())!;
        Assert.True((bool)rule["enabled"]!);
        Assert.Equal(["uploads/"], rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(
            "[parameters('uploadRetentionDays')]",
            (string?)rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]);

        // A few days: one more than a campaign may keep originals (limits.keepOriginalsDays), so it never cuts that short.
        var retention = compiled.Root["parameters"]!["uploadRetentionDays"]!;
        Assert.Equal(SolidarityFn.Pipeline.Campaigns.CampaignLimits.MaxKeepOriginalsDays + 1, (int)retention["defaultValue"]!);
        Assert.True((int)retention["minValue"]! > SolidarityFn.Pipeline.Campaigns.CampaignLimits.MaxKeepOriginalsDays);
    }

    [Fact]
    public void Deleted_blobs_are_not_kept_by_soft_delete_or_versions()
    {
        var properties = CompiledTemplate.OnlyResource(Storage, "Microsoft.Storage/storageAccounts/blobServices")["properties"]!;
        Assert.False((bool)properties["deleteRetentionPolicy"]!["enabled"]!);
        Assert.False((bool)properties["isVersioningEnabled"]!);
    }

    [Fact]
    public void An_event_grid_system_topic_watches_the_storage_account()
    {
        var topic = CompiledTemplate.OnlyResource(Storage, "Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]", (string?)topic["properties"]!["source"]);
    }

    /// <summary>The request headers blob-upload.js sets on its PUTs (header names quoted as object keys).</summary>
    private List<string> HeadersTheUploadPageSends()
    {
        var script = File.ReadAllText(Path.Combine(
            compiled.RepositoryRoot, "functions", "SolidarityFn.Functions", "wwwroot", "assets", "blob-upload.js"));
        var headers = HeaderKey().Matches(script).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().ToList();
        Assert.NotEmpty(headers);
        return headers;
    }

    [GeneratedRegex(@"'((?:x-ms-[a-z-]+)|content-type)'\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderKey();
}
