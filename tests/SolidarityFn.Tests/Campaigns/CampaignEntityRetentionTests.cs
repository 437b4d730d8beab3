using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.Tests.Campaigns;

/// <summary>Retention settings as stored, including rows written before they existed.</summary>
public class CampaignEntityRetentionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retention_days_and_closing_time_survive_the_row()
    {
        var campaign = DefaultCampaign.Create() with { IsOpen = false, ClosedAt = T0, RetentionDays = 90 };

        var read = CampaignEntity.From(campaign).ToCampaign();

        Assert.Equal((90, T0), (read.RetentionDays, read.ClosedAt));
    }

    [Fact]
    public void An_older_row_reads_as_30_days_and_a_closed_one_as_closed_at_its_last_write()
    {
        var row = CampaignEntity.From(DefaultCampaign.Create() with { IsOpen = false });
        row.RetentionDays = 0;
        row.ClosedAt = null;
        row.Timestamp = T0;

        var read = row.ToCampaign();

        Assert.Equal((30, T0), (read.RetentionDays, read.ClosedAt));
    }

    [Fact]
    public void An_open_campaign_has_no_closing_time()
    {
        var row = CampaignEntity.From(DefaultCampaign.Create() with { IsOpen = true, ClosedAt = T0 });
        row.Timestamp = T0;

        Assert.Null(row.ClosedAt);
        Assert.Null(row.ToCampaign().ClosedAt);
    }
}
