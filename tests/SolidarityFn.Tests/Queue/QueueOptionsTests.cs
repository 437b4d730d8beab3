using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Tests.Queue;

public class QueueOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new QueueOptions();

        Assert.Empty(Validate(options));
        Assert.Equal(5, options.DefaultMaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), options.BackoffBase);
        Assert.Equal(TimeSpan.FromMinutes(10), options.BackoffCap);
        Assert.Equal(32, options.ClaimPageSize);
        Assert.Equal(TimeSpan.FromMinutes(4), options.PumpBudget);
        Assert.Equal(2, options.PumpConcurrency);
        Assert.Equal(TimeSpan.FromDays(7), options.KeepDoneFor);
    }

    public static TheoryData<QueueOptions> BadOptions => new()
    {
        new QueueOptions { DefaultMaxAttempts = 0 },
        new QueueOptions { DefaultMaxAttempts = 101 },
        new QueueOptions { BackoffBase = TimeSpan.Zero },
        new QueueOptions { BackoffBase = TimeSpan.FromSeconds(-1) },
        new QueueOptions { BackoffBase = TimeSpan.FromMinutes(1), BackoffCap = TimeSpan.FromSeconds(30) },
        new QueueOptions { BackoffCap = TimeSpan.FromDays(2) },
        new QueueOptions { ClaimPageSize = 0 },
        new QueueOptions { ClaimPageSize = 1001 },
        new QueueOptions { LeaseDuration = TimeSpan.FromMilliseconds(500) },
        new QueueOptions { LeaseDuration = TimeSpan.FromHours(2) },
        new QueueOptions { PumpBudget = TimeSpan.Zero },
        new QueueOptions { PumpConcurrency = 0 },
        new QueueOptions { PumpConcurrency = 33 },
        new QueueOptions { PumpMaxItems = 0 },
        new QueueOptions { KeepDoneFor = TimeSpan.Zero },
        new QueueOptions { KeepDoneFor = TimeSpan.FromMinutes(59) },
        new QueueOptions { KeepDoneFor = TimeSpan.FromDays(366) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_values_are_refused(QueueOptions options)
    {
        Assert.NotEmpty(Validate(options));
        Assert.Throws<ArgumentException>(() => new TableQueue(DummyTable(), options, TimeProvider.System, NullLogger<TableQueue>.Instance));
    }

    [Fact]
    public void The_queue_and_pump_are_registered_with_options_from_the_queue_section()
    {
        using var provider = Services(new()
        {
            ["Queue:DefaultMaxAttempts"] = "7",
            ["Queue:BackoffBase"] = "00:00:02",
            ["Queue:PumpConcurrency"] = "4",
            ["Queue:KeepDoneFor"] = "2.00:00:00",
        });

        var options = provider.GetRequiredService<IOptions<QueueOptions>>().Value;
        Assert.Equal(7, options.DefaultMaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), options.BackoffBase);
        Assert.Equal(4, options.PumpConcurrency);
        Assert.Equal(TimeSpan.FromDays(2), options.KeepDoneFor);
        Assert.Same(provider.GetRequiredService<TableQueue>(), provider.GetRequiredService<TableQueue>());
        Assert.Equal(["review"], provider.GetRequiredService<QueuePump>().Queues);
    }

    [Fact]
    public void Invalid_configuration_stops_the_host_at_start()
    {
        using var provider = Services(new() { ["Queue:BackoffBase"] = "00:00:00" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QueueOptions>>().Value);
        Assert.Contains("BackoffBase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_handlers_for_one_queue_or_a_bad_queue_name_are_refused()
    {
        var queue = new TableQueue(DummyTable(), new QueueOptions(), TimeProvider.System, NullLogger<TableQueue>.Instance);
        var options = Options.Create(new QueueOptions());

        Assert.Throws<InvalidOperationException>(() =>
            new QueuePump(queue, [new Handler("review"), new Handler("review")], options, TimeProvider.System, NullLogger<QueuePump>.Instance));
        Assert.Throws<InvalidOperationException>(() =>
            new QueuePump(queue, [new Handler("Review/1")], options, TimeProvider.System, NullLogger<QueuePump>.Instance));
        Assert.Throws<InvalidOperationException>(() =>
            new QueuePump(queue, [new Handler("render", TimeSpan.FromMilliseconds(10))], options, TimeProvider.System, NullLogger<QueuePump>.Instance));
    }

    [Fact]
    public async Task Queue_arguments_are_checked_before_any_request()
    {
        var queue = new TableQueue(DummyTable(), new QueueOptions(), TimeProvider.System, NullLogger<TableQueue>.Instance);

        await Assert.ThrowsAsync<ArgumentException>(() => queue.EnqueueAsync("Bad Name", "k", "{}", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.EnqueueAsync("review", "", "{}", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.EnqueueAsync("review", "k", "not json", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.EnqueueAsync("review", "k", "{}", null, 0, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ClaimAsync("review", TimeSpan.Zero, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ClaimAsync("review", TimeSpan.FromHours(2), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ListAsync("review", null, 0, null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.PurgeAsync("review", QueueItemState.Pending, DateTimeOffset.UtcNow, CancellationToken.None));
    }

    [Fact]
    public async Task A_lease_that_has_ended_cannot_be_used_again()
    {
        var queue = new TableQueue(DummyTable(), new QueueOptions(), TimeProvider.System, NullLogger<TableQueue>.Instance);
        var done = new QueueLease(new QueueRow { PartitionKey = "review", LeaseId = "l1", State = "Done", Attempts = 1, MaxAttempts = 5 });
        var failed = new QueueLease(new QueueRow { PartitionKey = "review", LeaseId = "l2", State = "Pending", Attempts = 1, MaxAttempts = 5 });
        failed.Row = failed.Row.Clone();
        failed.Row.LeaseId = null;

        // No request is sent: the lease's own record says it is over.
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.CompleteAsync(done, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.RenewAsync(failed, TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(StorageClients.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }));
        services.AddSingleton<IQueueHandler>(new Handler("review"));
        services.AddTableQueue(configuration);
        return services.BuildServiceProvider();
    }

    private static TableClient DummyTable() => new("UseDevelopmentStorage=true", StorageNames.QueueTable);

    private static List<ValidationResult> Validate(QueueOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    private sealed class Handler(string queue, TimeSpan? lease = null) : IQueueHandler
    {
        public string QueueName => queue;

        public TimeSpan? LeaseDuration => lease;

        public Task HandleAsync(QueueLease lease, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
