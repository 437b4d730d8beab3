using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Bench.Scenarios.Intake;

/// <summary>
/// `--breakdown` instruments the running DevHost from the outside (no pipeline change): a timing policy on the
/// app's own table client times every storage call the intake makes, a first middleware times the request on
/// the server, and /bench/insert answers with one plain insert (HTTP cost without the intake's work).
/// </summary>
public static class IntakeProbes
{
    public const string ServerLabel = "server: POST uploads";
    public const string ClientLabel = "client: POST uploads";
    public const string InsertPath = "/bench/insert";

    /// <summary>Names the Table REST calls the intake makes.</summary>
    public static string Describe(string label) => label switch
    {
        "GET Campaigns" => "campaign read on a cache miss (GET Campaigns)",
        "POST Submissions" => "submission insert (POST Submissions)",
        _ => label,
    };

    /// <summary>The app's StorageClients, built as the pipeline builds them, plus the timing policy on tables.</summary>
    public static StorageClients TimedStorageClients(string connectionString, LabelledTimings timings)
    {
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(new TableCallTimingPolicy(timings), HttpPipelinePosition.PerCall);
        return new StorageClients(
            new Azure.Storage.Blobs.BlobServiceClient(connectionString),
            new TableServiceClient(connectionString, tableOptions),
            credential: null);
    }

    private sealed class TableCallTimingPolicy(LabelledTimings timings) : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                await ProcessNextAsync(message, pipeline);
            }
            finally
            {
                timings.Add(Label(message.Request), Stopwatch.GetTimestamp() - start);
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                ProcessNext(message, pipeline);
            }
            finally
            {
                timings.Add(Label(message.Request), Stopwatch.GetTimestamp() - start);
            }
        }

        // /devstoreaccount1/Campaigns(PartitionKey='x',RowKey='campaign') -> "GET Campaigns"
        private static string Label(Request request)
        {
            var path = request.Uri.Path;
            var last = path[(path.LastIndexOf('/') + 1)..];
            var paren = last.IndexOf('(', StringComparison.Ordinal);
            return $"{request.Method} {(paren < 0 ? last : last[..paren])}";
        }
    }

    /// <summary>First in the pipeline: times upload requests on the server and serves /bench/insert.</summary>
    public sealed class StartupFilter(LabelledTimings timings, string connectionString) : IStartupFilter
    {
        private readonly TableClient _submissions = new TableServiceClient(connectionString).GetTableClient(StorageNames.SubmissionsTable);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path.Equals(InsertPath, StringComparison.Ordinal))
                {
                    await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                    await _submissions.AddEntityAsync(IntakeWorkload.NewSubmission(), context.RequestAborted);
                    context.Response.StatusCode = StatusCodes.Status201Created;
                    return;
                }

                if (!context.Request.Path.Equals(IntakeWorkload.UploadsPath, StringComparison.Ordinal))
                {
                    await nextMiddleware(context);
                    return;
                }

                var start = Stopwatch.GetTimestamp();
                await nextMiddleware(context);
                timings.Add(ServerLabel, Stopwatch.GetTimestamp() - start);
            });
            next(app);
        };
    }
}
