using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.IntegrationTests.Queue;

/// <summary>An Azurite of the queue tests' own (not shared with the stack tests), with the Queue table created.</summary>
public sealed class QueueAzurite : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        await new TableServiceClient(Azurite.ConnectionString).CreateTableIfNotExistsAsync(StorageNames.QueueTable);
    }

    public Task DisposeAsync() => Azurite.DisposeAsync();

    /// <summary>A client with a pipeline of its own, as another instance of the app would have.</summary>
    public TableClient Table(HttpPipelinePolicy? policy = null, int? maxRetries = null)
    {
        var options = new TableClientOptions();
        if (policy is not null)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        if (maxRetries is { } retries)
        {
            options.Retry.MaxRetries = retries;
        }

        return new TableClient(Azurite.ConnectionString, StorageNames.QueueTable, options);
    }

    public TableQueue Queue(QueueOptions? options = null, TimeProvider? time = null, HttpPipelinePolicy? policy = null, int? maxRetries = null) =>
        new(Table(policy, maxRetries), options ?? new QueueOptions(), time ?? TimeProvider.System, NullLogger<TableQueue>.Instance);

    /// <summary>Every test works in a queue (partition) of its own.</summary>
    public static string NewQueueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>The raw row, read around the queue's own code.</summary>
    public async Task<TableEntity> RowAsync(string queue, string idempotencyKey) =>
        (await Table().GetEntityAsync<TableEntity>(queue, QueueKeys.RowKeyFor(idempotencyKey))).Value;

    public async Task<List<TableEntity>> RowsAsync(string queue) =>
        await Table().QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {queue}")).ToListAsync();
}

[CollectionDefinition(Name)]
public sealed class QueueCollection : ICollectionFixture<QueueAzurite>
{
    public const string Name = "queue";
}

/// <summary>A clock the test moves by hand; timers (lease renewal) still run on real time.</summary>
public sealed class QueueClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    /// <summary>A whole second, so table round trips of DateTime values compare exactly.</summary>
    public static QueueClock AtWholeSecond() =>
        new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}

/// <summary>
/// Reproduces Table storage's retry artefacts for real. Armed for one request method, it lets the next such request
/// reach Azurite and succeed, then behaves as if the response had been lost on the way back:
/// <see cref="Replay"/> sends the very same request again, as the SDK's retry policy does (so the caller sees the
/// 409 or 412 that the retry got); <see cref="LoseResponse"/> throws instead, as when every retry failed too.
/// </summary>
public sealed class LostResponsePolicy : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private RequestMethod? _method;
    private bool _throw;

    /// <summary>(first status, replayed status) of each request replayed so far.</summary>
    public List<(int First, int Replayed)> Replays { get; } = [];

    /// <summary>Statuses of the requests whose response was thrown away.</summary>
    public List<int> Lost { get; } = [];

    public void Replay(RequestMethod method) => Arm(method, throwInstead: false);

    public void LoseResponse(RequestMethod method) => Arm(method, throwInstead: true);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The queue is async only.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        bool replay, lose;
        lock (_gate)
        {
            var matches = _method is { } method && message.Request.Method == method;
            replay = matches && !_throw;
            lose = matches && _throw;
            if (matches)
            {
                _method = null;
            }
        }

        if (lose)
        {
            lock (_gate)
            {
                Lost.Add(message.Response.Status);
            }

            throw new IOException("Simulated: the connection dropped after the server had processed the request.");
        }

        if (replay)
        {
            var first = message.Response.Status;
            message.Response.ContentStream?.Dispose();
            await ProcessNextAsync(message, pipeline);
            lock (_gate)
            {
                Replays.Add((first, message.Response.Status));
            }
        }
    }

    private void Arm(RequestMethod method, bool throwInstead)
    {
        lock (_gate)
        {
            _method = method;
            _throw = throwInstead;
        }
    }
}
