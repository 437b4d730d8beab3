using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>
/// In Azure (setting `Campaigns:SeedDefault`), creates the default campaign when the app starts and it does not exist
/// yet, so the upload link `azd up` prints works at once. It never changes a campaign that exists: organizers edit it
/// with PUT /api/campaigns/{id}. Role assignments can take minutes to reach storage after a first deployment, so a
/// refusal is retried a few times in the background instead of stopping the host.
/// </summary>
public sealed partial class DefaultCampaignSeeder(CampaignStore campaigns, TimeProvider time, ILogger<DefaultCampaignSeeder> logger) : BackgroundService
{
    public const string SettingName = "Campaigns:SeedDefault";

    private const int Attempts = 6;
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                if (await campaigns.AddIfAbsentAsync(DefaultCampaign.Create(), stoppingToken))
                {
                    Log.Seeded(logger, DefaultCampaign.Id);
                }

                return;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or Azure.Identity.AuthenticationFailedException or HttpRequestException)
            {
                Log.NotYet(logger, e, DefaultCampaign.Id, attempt, Attempts);
            }

            await Task.Delay(Pause, time, stoppingToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Default campaign {CampaignId} created")]
        public static partial void Seeded(ILogger logger, string campaignId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create the default campaign {CampaignId} (attempt {Attempt} of {Attempts})")]
        public static partial void NotYet(ILogger logger, Exception exception, string campaignId, int attempt, int attempts);
    }
}
