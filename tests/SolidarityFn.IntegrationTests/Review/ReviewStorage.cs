using Azure.Data.Tables;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Review;

/// <summary>An Azurite of the review tests' own, with the tables and containers created.</summary>
public sealed class ReviewAzurite : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public StorageClients Storage { get; private set; } = null!;

    public SubmissionStore Submissions => new(Storage);

    public TableClient SubmissionsTable => Storage.Table(StorageNames.SubmissionsTable);

    public Pipeline.Queue.TableQueue Queue => new(
        Storage.Table(StorageNames.QueueTable), new Pipeline.Queue.QueueOptions(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Pipeline.Queue.TableQueue>.Instance);

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Storage = StorageClients.Create(new StorageOptions { ConnectionString = Azurite.ConnectionString });
        foreach (var table in StorageNames.Tables)
        {
            await Storage.Tables.CreateTableIfNotExistsAsync(table);
        }

        foreach (var container in StorageNames.Containers)
        {
            await Storage.Container(container).CreateIfNotExistsAsync();
        }
    }

    public Task DisposeAsync() => Azurite.DisposeAsync();

    /// <summary>Every test works in a campaign (partition) of its own.</summary>
    public static string NewCampaignId() => "review-" + Guid.NewGuid().ToString("N")[..12];

    public static SubmissionEntity Issued(string campaignId, DateTimeOffset issuedAt, string caption = "Toronto teachers support Minnesota workers") => new()
    {
        PartitionKey = campaignId,
        RowKey = SubmissionIds.New(),
        DisplayName = "Ana",
        Union = "ETFO Local 12",
        Sector = "Education",
        City = "Toronto",
        Caption = caption,
        Language = "en",
        DeclaredContentType = "video/mp4",
        DeclaredSizeBytes = 1000,
        ConsentVersion = 1,
        ConsentLanguage = "fr",
        ConsentedAt = issuedAt,
        ReceiptTokenHash = "hash",
        IssuedAt = issuedAt,
        UploadExpiresAt = issuedAt.AddMinutes(15),
    };

    public static void MakeReady(SubmissionEntity submission, DateTimeOffset at)
    {
        submission.StatusValue = SubmissionStatus.Ready;
        submission.ProcessedAt = at;
        submission.SourceKind = "video";
        submission.SourceWidth = 1080;
        submission.SourceHeight = 1920;
        submission.SourceDurationSeconds = 8;
        submission.SourceHadAudio = true;
        submission.ClipSeconds = 8;
    }

    /// <summary>Every list row of the campaign, read around the pipeline's own code.</summary>
    public async Task<List<TableEntity>> ListRowsAsync(string campaignId) =>
        await SubmissionsTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey ge {"~"}")).ToListAsync();
}

[CollectionDefinition(Name)]
public sealed class ReviewCollection : ICollectionFixture<ReviewAzurite>
{
    public const string Name = "review";
}
