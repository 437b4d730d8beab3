using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.DevHost;

/// <summary>
/// Azurite has no Event Grid, so the DevHost delivers blob-created events itself: it watches the containers named by
/// the app's [BlobTrigger] paths and calls the same function classes, retrying failures with backoff as the
/// Functions host would (up to five deliveries). Already-seen blobs are delivered again after a restart; the
/// functions are idempotent.
/// </summary>
public sealed partial class BlobEventDelivery : BackgroundService
{
    private const int MaxDeliveries = 5;

    private readonly IServiceProvider _services;
    private readonly StorageClients _storage;
    private readonly DevHostOptions _options;
    private readonly ILogger<BlobEventDelivery> _logger;
    private readonly IReadOnlyList<BlobFunction> _functions;
    private readonly ConcurrentDictionary<string, string> _delivered = new(StringComparer.Ordinal);

    public BlobEventDelivery(IServiceProvider services, StorageClients storage, IOptions<DevHostOptions> options, ILogger<BlobEventDelivery> logger)
    {
        _services = services;
        _storage = storage;
        _options = options.Value;
        _logger = logger;
        _functions = [.. FunctionBinding.Find<BlobTriggerAttribute>(typeof(Functions.IntakeFunctions).Assembly)
            .Select(f => BlobFunction.Create(f.Name, f.Method, f.Trigger.BlobPath))];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DeliverBlobEvents || _functions.Count == 0)
        {
            return;
        }

        using var slots = new SemaphoreSlim(Math.Max(1, _options.BlobConcurrency));
        var running = new ConcurrentDictionary<Task, byte>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var listed = new HashSet<string>(StringComparer.Ordinal);
                foreach (var function in _functions)
                {
                    await foreach (var blob in _storage.Container(function.Container).GetBlobsAsync(cancellationToken: stoppingToken))
                    {
                        var key = function.Container + "/" + blob.Name;
                        listed.Add(key);
                        var etag = blob.Properties.ETag?.ToString() ?? "";
                        if (_delivered.TryGetValue(key, out var seen) && seen == etag)
                        {
                            continue;
                        }

                        var values = function.Match(blob.Name);
                        _delivered[key] = etag;
                        if (values is null)
                        {
                            continue;
                        }

                        await slots.WaitAsync(stoppingToken);
                        var delivery = DeliverAsync(function, blob.Name, values, stoppingToken);
                        running.TryAdd(delivery, 0);
                        _ = delivery.ContinueWith(
                            t =>
                            {
                                slots.Release();
                                running.TryRemove(t, out _);
                            },
                            CancellationToken.None,
                            TaskContinuationOptions.ExecuteSynchronously,
                            TaskScheduler.Default);
                    }
                }

                // Forget blobs that are gone (processed uploads are deleted), so memory stays bounded.
                foreach (var key in _delivered.Keys.Where(k => !listed.Contains(k)).ToList())
                {
                    _delivered.TryRemove(key, out _);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.WatchFailed(_logger, e);
            }

            await Task.Delay(_options.BlobPollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await Task.WhenAll(running.Keys);
    }

    private async Task DeliverAsync(BlobFunction function, string blobName, IReadOnlyDictionary<string, string> values, CancellationToken stoppingToken)
    {
        for (var delivery = 1; delivery <= MaxDeliveries && !stoppingToken.IsCancellationRequested; delivery++)
        {
            try
            {
                var arguments = function.Method.GetParameters().Select(p => p.ParameterType switch
                {
                    var t when t == typeof(BlobClient) => _storage.Container(function.Container).GetBlobClient(blobName),
                    var t when t == typeof(CancellationToken) => (object)stoppingToken,
                    _ => values.GetValueOrDefault(p.Name!),
                }).ToArray();
                await FunctionBinding.InvokeAsync(_services, function.Method, arguments);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                var inner = e is TargetInvocationException { InnerException: { } ie } ? ie : e;
                Log.DeliveryFailed(_logger, inner, function.Name, delivery);
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, delivery - 1)) * _options.RetryDelayScale, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private sealed record BlobFunction(string Name, MethodInfo Method, string Container, Regex Pattern)
    {
        public static BlobFunction Create(string name, MethodInfo method, string path)
        {
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            var container = path[..slash];
            var pattern = "^" + Placeholder().Replace(Regex.Escape(path[(slash + 1)..]).Replace("\\{", "{", StringComparison.Ordinal), m => $"(?<{m.Groups[1].Value}>[^/]+)") + "$";
            return new BlobFunction(name, method, container, new Regex(pattern, RegexOptions.CultureInvariant));
        }

        public Dictionary<string, string>? Match(string blobName)
        {
            var match = Pattern.Match(blobName);
            return match.Success
                ? Pattern.GetGroupNames().Where(g => !int.TryParse(g, out _)).ToDictionary(g => g, g => match.Groups[g].Value, StringComparer.Ordinal)
                : null;
        }
    }

    [GeneratedRegex("{([A-Za-z0-9_]+)}")]
    private static partial Regex Placeholder();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Watching blob containers failed; will try again")]
        public static partial void WatchFailed(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on delivery {Delivery}")]
        public static partial void DeliveryFailed(ILogger logger, Exception exception, string function, int delivery);
    }
}
