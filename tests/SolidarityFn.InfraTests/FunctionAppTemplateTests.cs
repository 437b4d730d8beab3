using System.Text.Json.Nodes;
using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.InfraTests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class FunctionAppTemplateTests(CompiledTemplate compiled)
{
    private JsonObject App => compiled.Module("app");

    private JsonObject Site => CompiledTemplate.OnlyResource(App, "Microsoft.Web/sites");

    private Dictionary<string, string> Settings()
    {
        var node = Site["properties"]!["siteConfig"]!["appSettings"]!;
        var list = node is JsonValue reference
            ? CompiledTemplate.Variable(App, ((string)reference!)["[variables('".Length..^"')]".Length])
            : node;
        return list.AsArray().ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Runs_on_Flex_Consumption_with_dotnet_isolated_10()
    {
        var plan = CompiledTemplate.OnlyResource(App, "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);

        var runtime = Site["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
        Assert.True((bool)Site["properties"]!["httpsOnly"]!);
    }

    [Fact]
    public void Uses_only_its_user_assigned_identity_for_storage_and_the_deployment_package()
    {
        Assert.Equal("UserAssigned", (string?)Site["identity"]!["type"]);
        Assert.Equal("[reference('identity').outputs.clientId.value]", (string?)compiled.ModuleParameter("app", "identityClientId"));
        Assert.Equal("[reference('identity').outputs.id.value]", (string?)compiled.ModuleParameter("app", "identityId"));

        var deployment = Site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!;
        Assert.Equal("UserAssignedIdentity", (string?)deployment["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)deployment["userAssignedIdentityResourceId"]);

        var settings = Settings();
        const string ClientId = "[parameters('identityClientId')]";
        foreach (var prefix in new[] { "AzureWebJobsStorage", "Storage" })
        {
            Assert.Equal("managedidentity", settings[$"{prefix}__credential"]);
            Assert.Equal(ClientId, settings[$"{prefix}__clientId"]);
            Assert.Equal("[parameters('blobEndpoint')]", settings[$"{prefix}__blobServiceUri"]);
            Assert.Equal("[parameters('queueEndpoint')]", settings[$"{prefix}__queueServiceUri"]);
        }

        // StorageOptions binds these (configuration keys ignore case, so Storage__blobServiceUri is its BlobServiceUri).
        Assert.Equal("[parameters('tableEndpoint')]", settings["Storage__TableServiceUri"]);
        Assert.Equal(ClientId, settings["Storage__ManagedIdentityClientId"]);
        Assert.Equal("[parameters('tableEndpoint')]", settings["AzureWebJobsStorage__tableServiceUri"]);
    }

    [Fact]
    public void No_app_setting_carries_an_account_key_or_a_storage_connection_string()
    {
        var settings = Settings();
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("Storage__ConnectionString", settings.Keys);
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);
        foreach (var (name, value) in settings)
        {
            foreach (var secret in new[] { "AccountKey", "DefaultEndpointsProtocol", "SharedAccessSignature", "listKeys", "UseDevelopmentStorage" })
            {
                Assert.False(value.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{name} contains {secret}");
            }
        }

        // The one connection string allowed is App Insights', and it authenticates with the identity (local auth off).
        Assert.Equal("[reference('monitoring').outputs.connectionString.value]", (string?)compiled.ModuleParameter("app", "appInsightsConnectionString"));
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void App_settings_set_organizer_mode_queue_schedules_ffmpeg_and_public_origin()
    {
        var settings = Settings();
        Assert.Equal("AppServiceAuthentication", settings["Organizer__Mode"]);
        Assert.Equal("organizer", settings["Organizer__Role"]);
        // The upload link in the outputs works only once the default campaign exists (DefaultCampaignSeeder).
        Assert.Equal("true", settings["Campaigns__SeedDefault"]);
        Assert.Equal(6, settings["QueuePumpSchedule"].Split(' ').Length);
        Assert.Equal(6, settings["QueuePurgeSchedule"].Split(' ').Length);
        Assert.Equal("/home/site/wwwroot/ffmpeg", settings["Media__FfmpegPath"]);
        Assert.Equal("[format('https://{0}', parameters('appHost'))]", settings["Intake__PublicBaseUrl"]);
        Assert.Equal("[variables('appHost')]", (string?)compiled.ModuleParameter("app", "appHost"));
    }

    [Fact]
    public void Easy_auth_signs_organizers_in_with_Entra_ID_and_lets_contributors_through()
    {
        var auth = CompiledTemplate.OnlyResource(App, "Microsoft.Web/sites/config");
        Assert.EndsWith("'authsettingsV2')]", (string?)auth["name"], StringComparison.Ordinal);
        var properties = auth["properties"]!;
        Assert.True((bool)properties["platform"]!["enabled"]!);
        Assert.Equal("AllowAnonymous", (string?)properties["globalValidation"]!["unauthenticatedClientAction"]);
        Assert.False((bool)properties["globalValidation"]!["requireAuthentication"]!);
        var aad = properties["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True((bool)aad["enabled"]!);
        Assert.Equal("[parameters('authClientId')]", (string?)aad["registration"]!["clientId"]);
        Assert.Equal("[parameters('authClientId')]", (string?)compiled.ModuleParameter("app", "authClientId"));
    }

    [Fact]
    public void App_Insights_refuses_local_auth()
    {
        var appInsights = CompiledTemplate.OnlyResource(compiled.Module("monitoring"), "Microsoft.Insights/components");
        Assert.True((bool)appInsights["properties"]!["DisableLocalAuth"]!);
        Assert.NotNull(appInsights["properties"]!["WorkspaceResourceId"]);
    }

    [Fact]
    public void Outputs_give_the_default_campaigns_upload_link_and_review_page()
    {
        var outputs = compiled.Root["outputs"]!;
        Assert.Equal(DefaultCampaign.Id, (string?)CompiledTemplate.Variable(compiled.Root, "defaultCampaignId"));
        Assert.Equal("[format('{0}/c/{1}', variables('appOrigin'), variables('defaultCampaignId'))]", (string?)outputs["SOLIDARITY_UPLOAD_URL"]!["value"]);
        Assert.Equal("[format('{0}/review/{1}', variables('appOrigin'), variables('defaultCampaignId'))]", (string?)outputs["SOLIDARITY_REVIEW_URL"]!["value"]);
    }
}
