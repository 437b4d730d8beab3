using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using SolidarityFn.DevHost;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.IntegrationTests.DevHost;

/// <summary>A queue handler registered by the test, as a feature would register its own.</summary>
public sealed class RecordingHandler : IQueueHandler
{
    public ConcurrentQueue<(string Key, string Payload, int Attempt)> Seen { get; } = new();

    public string QueueName => "devhost-pump-test";

    public Task HandleAsync(QueueLease lease, CancellationToken cancellationToken)
    {
        Seen.Enqueue((lease.IdempotencyKey, lease.Payload, lease.Attempt));
        return Task.CompletedTask;
    }
}

/// <summary>The DevHost with its timers on and the pump every second, against an Azurite of its own.</summary>
public sealed class PumpingDevHostFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public AzuriteFixture Azurite { get; } = new();

    public RecordingHandler Handler { get; } = new();

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        _app = DevHostApp.Build(
            [],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
                    ["Storage:ConnectionString"] = Azurite.ConnectionString,
                    ["Organizer:Key"] = StackFixture.OrganizerKey,
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["DevHost:DeliverBlobEvents"] = "false",
                    ["DevHost:RunTimers"] = "true",
                    ["QueuePumpSchedule"] = "* * * * * *",
                    ["QueuePurgeSchedule"] = "0 15 * * * *",
                });
                builder.Services.AddSingleton<IQueueHandler>(Handler);
            });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }
}

public class DevHostTimerTests(PumpingDevHostFixture host) : IClassFixture<PumpingDevHostFixture>
{
    [Fact]
    public async Task The_devhost_pump_timer_runs_a_registered_handler_and_completes_the_item()
    {
        var queue = host.Services.GetRequiredService<TableQueue>();
        var key = "job-" + Guid.NewGuid().ToString("N");

        await queue.EnqueueAsync(host.Handler.QueueName, key, "{\"n\":7}", CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        QueueItem? item;
        while ((item = await queue.GetAsync(host.Handler.QueueName, key, CancellationToken.None))!.State != QueueItemState.Done)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The item is still {item.State} after 30 s: the pump timer did not drain it.");
            await Task.Delay(200);
        }

        Assert.Equal([(key, "{\"n\":7}", 1)], host.Handler.Seen.Where(s => s.Key == key));
        Assert.Equal(1, item.Attempts);
    }

    [Theory]
    [InlineData("", "missing or empty")]
    [InlineData("*/10 * * * *", "5 fields")]
    public async Task A_missing_or_malformed_schedule_stops_the_devhost_at_start_with_a_message_naming_it(string schedule, string why)
    {
        await using var app = DevHostApp.Build(
            [],
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:0",
                ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["Organizer:Key"] = StackFixture.OrganizerKey,
                ["Logging:LogLevel:Default"] = "None",
                ["DevHost:Provision"] = "false",
                ["DevHost:DeliverBlobEvents"] = "false",
                ["DevHost:RunTimers"] = "true",
                ["QueuePumpSchedule"] = schedule,
                ["QueuePurgeSchedule"] = "0 15 * * * *",
            }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("PumpQueue", error.Message, StringComparison.Ordinal);
        Assert.Contains("QueuePumpSchedule", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_timers_off_no_schedule_is_needed()
    {
        await using var app = DevHostApp.Build(
            [],
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:0",
                ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["Organizer:Key"] = StackFixture.OrganizerKey,
                ["Logging:LogLevel:Default"] = "None",
                ["DevHost:Provision"] = "false",
                ["DevHost:DeliverBlobEvents"] = "false",
                ["DevHost:RunTimers"] = "false",
                ["QueuePumpSchedule"] = "",
            }));

        await app.StartAsync();
        await app.StopAsync();
    }
}
