using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SolidarityFn.Functions;
using SolidarityFn.Pipeline;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSolidarityPipeline(builder.Configuration);
builder.Services.AddSolidarityFunctions();
builder.Build().Run();
