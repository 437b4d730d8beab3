using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace SolidarityFn.DevHost;

/// <summary>
/// Runs the app's [TimerTrigger] functions locally. The DevHost does not read NCRONTAB: every timer runs each
/// DevHost:TimerInterval, which is what a developer wants (soon, and often) rather than the production cadence.
/// </summary>
public sealed partial class TimerDelivery(IServiceProvider services, IOptions<DevHostOptions> options, ILogger<TimerDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timers = FunctionBinding.Find<TimerTriggerAttribute>(typeof(Functions.IntakeFunctions).Assembly).ToList();
        if (!options.Value.RunTimers || timers.Count == 0)
        {
            return;
        }

        using var tick = new PeriodicTimer(options.Value.TimerInterval);
        while (await tick.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
        {
            foreach (var (name, method, _) in timers)
            {
                try
                {
                    var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken) ? (object)stoppingToken : new TimerInfo()).ToArray();
                    await FunctionBinding.InvokeAsync(services, method, arguments);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.TimerFailed(logger, e, name);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Timer function {Function} failed")]
        public static partial void TimerFailed(ILogger logger, Exception exception, string function);
    }
}
