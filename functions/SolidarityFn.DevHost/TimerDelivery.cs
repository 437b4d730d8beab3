using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace SolidarityFn.DevHost;

/// <summary>
/// Runs the app's [TimerTrigger] functions locally on their own NCRONTAB schedules (<see cref="TimerSchedule"/>),
/// each function one run at a time: occurrences that pass while it runs are skipped, as the Functions host does.
/// Schedules are resolved at start, so a missing or malformed one stops the DevHost with a message naming it.
/// DevHost:RunTimers = false turns them all off (tests and benchmarks drive the work themselves).
/// </summary>
public sealed partial class TimerDelivery(
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<DevHostOptions> options,
    TimeProvider time,
    ILogger<TimerDelivery> logger) : BackgroundService
{
    /// <summary>Longest single wait: Task.Delay takes at most about 49 days.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private IReadOnlyList<ScheduledFunction> _timers = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RunTimers)
        {
            _timers = [.. FunctionBinding.Find<TimerTriggerAttribute>(typeof(Functions.IntakeFunctions).Assembly)
                .Select(f => new ScheduledFunction(f.Method, TimerSchedule.Resolve(f.Name, f.Trigger.Schedule, configuration)))];
        }

        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_timers.Select(timer => Task.Run(() => RunAsync(timer, stoppingToken), CancellationToken.None)));

    private async Task RunAsync(ScheduledFunction timer, CancellationToken stoppingToken)
    {
        var schedule = timer.Schedule;
        var last = time.GetUtcNow();
        var first = schedule.NextAfter(last);
        Log.Scheduled(logger, schedule.Function, schedule.Resolved, first);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (schedule.NextRun(time.GetUtcNow(), last) is not { } next)
            {
                Log.NoMoreOccurrences(logger, schedule.Function);
                return;
            }

            try
            {
                await WaitUntilAsync(next, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var previous = last;
            last = next;
            try
            {
                var info = new TimerInfo
                {
                    ScheduleStatus = new ScheduleStatus { Last = previous.UtcDateTime, Next = next.UtcDateTime, LastUpdated = time.GetUtcNow().UtcDateTime },
                };
                var arguments = timer.Method.GetParameters()
                    .Select(p => p.ParameterType == typeof(CancellationToken) ? (object)stoppingToken : info)
                    .ToArray();
                await FunctionBinding.InvokeAsync(services, timer.Method, arguments);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.TimerFailed(logger, e is TargetInvocationException { InnerException: { } inner } ? inner : e, schedule.Function);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset when, CancellationToken cancellationToken)
    {
        for (var left = when - time.GetUtcNow(); left > TimeSpan.Zero; left = when - time.GetUtcNow())
        {
            await Task.Delay(left < MaxWait ? left : MaxWait, time, cancellationToken);
        }
    }

    private sealed record ScheduledFunction(MethodInfo Method, TimerSchedule Schedule);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Timer function {Function} runs on '{Schedule}' (UTC); next at {Next}")]
        public static partial void Scheduled(ILogger logger, string function, string schedule, DateTimeOffset? next);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Timer function {Function} has no further occurrences; it will not run again")]
        public static partial void NoMoreOccurrences(ILogger logger, string function);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Timer function {Function} failed")]
        public static partial void TimerFailed(ILogger logger, Exception exception, string function);
    }
}
