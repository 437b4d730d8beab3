using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Bench.Scenarios.Processing;

/// <summary>One storage call the DevHost made: REST method, what it addressed, when it started and answered (Stopwatch ticks).</summary>
/// <param name="Target">Container/blob path or table name after the account, plus "?comp=..." when there is one.</param>
public sealed record StorageCall(string Method, string Target, long Start, long End, int Status);

/// <summary>One log message of the pipeline (category, event name, structured values) and when it was written.</summary>
public sealed record PipelineEvent(long At, string Category, string Name, LogLevel Level, string Message, IReadOnlyDictionary<string, string?> Values);

/// <summary>
/// Watches the in-process DevHost from the outside, without changing the pipeline: every storage call its own
/// clients make (a timing policy on the app's <see cref="StorageClients"/>, built as the pipeline builds them) and
/// the pipeline's own log messages (FfmpegRunner writes "ffmpeg {Step} finished in {ElapsedMs} ms" at Debug).
/// </summary>
public sealed class PipelineTrace
{
    private readonly ConcurrentQueue<StorageCall> _calls = new();
    private readonly ConcurrentQueue<PipelineEvent> _events = new();

    /// <summary>The app's StorageClients from the connection string, as StorageClients.Create makes them, plus the timing policy.</summary>
    public StorageClients TimedStorageClients(string connectionString)
    {
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(new TimingPolicy(this), HttpPipelinePosition.PerRetry);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(new TimingPolicy(this), HttpPipelinePosition.PerRetry);
        return new StorageClients(new BlobServiceClient(connectionString, blobOptions), new TableServiceClient(connectionString, tableOptions), credential: null);
    }

    public ILoggerProvider LoggerProvider() => new TraceLoggerProvider(this);

    /// <summary>Everything recorded since the last call, and forget it.</summary>
    public (List<StorageCall> Calls, List<PipelineEvent> Events) Drain()
    {
        var calls = new List<StorageCall>();
        while (_calls.TryDequeue(out var call))
        {
            calls.Add(call);
        }

        var events = new List<PipelineEvent>();
        while (_events.TryDequeue(out var e))
        {
            events.Add(e);
        }

        return (calls, events);
    }

    private void Add(StorageCall call) => _calls.Enqueue(call);

    private void Add(PipelineEvent e) => _events.Enqueue(e);

    // /devstoreaccount1/uploads/c/s?comp=list -> "uploads/c/s?comp=list"; /devstoreaccount1/Submissions(PartitionKey='c',RowKey='s') -> "Submissions(...)".
    private static string Target(Request request)
    {
        var path = request.Uri.Path.TrimStart('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        path = slash < 0 ? path : path[(slash + 1)..];
        var query = request.Uri.Query;
        var comp = query.Split('?', '&').FirstOrDefault(p => p.StartsWith("comp=", StringComparison.Ordinal));
        return comp is null ? path : path + "?" + comp;
    }

    private sealed class TimingPolicy(PipelineTrace trace) : HttpPipelinePolicy
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
                Record(message, start);
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
                Record(message, start);
            }
        }

        private void Record(HttpMessage message, long start) =>
            trace.Add(new StorageCall(
                message.Request.Method.ToString(),
                Uri.UnescapeDataString(Target(message.Request)),
                start,
                Stopwatch.GetTimestamp(),
                message.HasResponse ? message.Response.Status : 0));
    }

    [ProviderAlias("BenchTrace")]
    private sealed class TraceLoggerProvider(PipelineTrace trace) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new TraceLogger(trace, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class TraceLogger(PipelineTrace trace, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var at = Stopwatch.GetTimestamp();
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            var message = formatter(state, exception);
            if (exception is not null)
            {
                message += " (" + exception.GetType().Name + ": " + exception.Message + ")";
            }

            trace.Add(new PipelineEvent(at, category, eventId.Name ?? "", logLevel, message, values));
        }
    }
}
