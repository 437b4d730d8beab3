using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SolidarityFn.Functions;
using SolidarityFn.Pipeline;
using SolidarityFn.Pipeline.Campaigns;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSolidarityPipeline(builder.Configuration);
builder.Services.AddSolidarityFunctions();
if (builder.Configuration.GetValue<bool>(DefaultCampaignSeeder.SettingName))
{
    builder.Services.AddHostedService<DefaultCampaignSeeder>();
}

builder.Build().Run();
