using System.Text.Json.Nodes;

namespace SolidarityFn.InfraTests;

[Collection(CompiledTemplateGroup.Name)]
public sealed class RoleAssignmentTemplateTests(CompiledTemplate compiled)
{
    private const string StorageAccount = "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]";
    private const string AppInsights = "[resourceId('Microsoft.Insights/components', parameters('appInsightsName'))]";

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", StorageAccount)] // Storage Blob Data Owner
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", StorageAccount)] // Storage Table Data Contributor
    [InlineData("db58b8e5-c6ad-4a2a-8342-4190687cbf4a", StorageAccount)] // Storage Blob Delegator (user delegation SAS)
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", StorageAccount)] // Storage Queue Data Contributor (blob trigger)
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", AppInsights)] // Monitoring Metrics Publisher
    public void The_apps_identity_holds_the_role(string roleDefinitionGuid, string scope)
    {
        var roles = compiled.Module("roles");
        var assignment = Assert.Single(
            CompiledTemplate.Resources(roles, "Microsoft.Authorization/roleAssignments"),
            r => CompiledTemplate.Expand(roles, (string)r["properties"]!["roleDefinitionId"]!).Contains(roleDefinitionGuid, StringComparison.Ordinal));

        Assert.Equal(scope, (string?)assignment["scope"]);
        Assert.Equal("[parameters('principalId')]", (string?)assignment["properties"]!["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        Assert.Equal("[reference('identity').outputs.principalId.value]", (string?)compiled.ModuleParameter("roles", "principalId"));
    }

    [Fact]
    public void The_function_app_waits_for_the_role_assignments()
    {
        var dependsOn = compiled.Root["resources"]!["app"]!["dependsOn"]!.AsArray().Select(d => (string)d!);
        Assert.Contains("roles", dependsOn);
    }
}
