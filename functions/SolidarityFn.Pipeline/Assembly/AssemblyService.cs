using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Starts assembly jobs (one row in Assemblies and one "assembly" queue item) and reports their status with read-only
/// links to the outputs. One job at a time per campaign: starting while one is queued or running returns that one.
/// </summary>
public sealed partial class AssemblyService(
    StorageClients storage,
    AssemblyStore assemblies,
    ApprovedClips approved,
    CampaignCache campaigns,
    TableQueue queue,
    AssemblyLiveness liveness,
    IBlobSasSigner signer,
    AuditLog audit,
    ITextCoverage coverage,
    TimeProvider time)
{

    /// <summary>Assemblies listed at most: more than a campaign ever makes by hand.</summary>
    public const int MaxListed = 50;

    public static string StatusUrl(string campaignId, string assemblyId) => $"/api/campaigns/{campaignId}/assemblies/{assemblyId}";

    public async Task<Outcome<AssemblyAccepted>> StartAsync(string campaignId, AssemblyRequest request, Organizer organizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(organizer);
        var errors = AssemblyRequestValidator.Check(request, coverage, out var formats);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!CampaignIds.IsValid(campaignId) || await campaigns.GetAsync(campaignId, cancellationToken) is null)
        {
            return Problem.NotFound("The campaign");
        }

        if (!await approved.AnyAsync(campaignId, cancellationToken))
        {
            return Problem.Conflict("Nothing to assemble.", "Approve at least one clip first.");
        }

        if (await ActiveAsync(campaignId, cancellationToken) is { } active)
        {
            return Outcome<AssemblyAccepted>.Ok(Accepted(active));
        }

        var entity = new AssemblyEntity
        {
            PartitionKey = campaignId,
            RowKey = Guid.NewGuid().ToString("N"),
            State = AssemblyState.Queued,
            Formats = string.Join(',', formats.Select(f => f.Name)),
            TargetSeconds = request.TargetSeconds ?? AssemblyRequestValidator.DefaultTargetSeconds,
            Title = request.Title?.Trim(),
            Subtitle = request.Subtitle?.Trim(),
            EndCard = request.EndCard?.Trim(),
            Music = request.Music ?? true,
            MusicLevel = request.MusicLevel ?? MusicBed.DefaultLevel,
            RequestedBy = organizer.Id,
            CreatedAt = time.GetUtcNow(),
        };
        await assemblies.AddAsync(entity, cancellationToken);
        await queue.EnqueueAsync(AssemblyWork.QueueName, entity.AssemblyId, QueuePayload.Serialize(new AssemblyWork(campaignId, entity.AssemblyId)), cancellationToken);
        var settled = await SettleAsync(entity, cancellationToken);
        if (settled.RowKey == entity.RowKey)
        {
            // Only the start that created the running job is recorded; the others joined it.
            await audit.WriteAsync(new AuditRecord(campaignId, "assembly.start", organizer, null, null, new
            {
                assemblyId = entity.AssemblyId,
                formats = formats.Select(f => f.Name).ToArray(),
                targetSeconds = entity.TargetSeconds,
                title = entity.Title,
                subtitle = entity.Subtitle,
                endCard = entity.EndCard,
                music = entity.Music,
                musicLevel = entity.MusicLevel,
            }), cancellationToken);
        }

        return Outcome<AssemblyAccepted>.Ok(Accepted(settled));
    }

    /// <summary>
    /// Two starts at once may both have found no active job and created one each. Every start then looks again and
    /// keeps the first written (server Timestamp, then RowKey): a later start always sees the earlier row, so they agree.
    /// The loser is marked Failed (If-Match) and its queue item completed; the handler skips rows that are not active.
    /// </summary>
    private async Task<AssemblyEntity> SettleAsync(AssemblyEntity mine, CancellationToken cancellationToken)
    {
        var first = First(await assemblies.ListActiveAsync(mine.PartitionKey, cancellationToken));
        if (first is null || first.RowKey == mine.RowKey)
        {
            return mine;
        }

        mine.State = AssemblyState.Failed;
        mine.Message = "Another assembly started at the same time; follow that one.";
        mine.FinishedAt = time.GetUtcNow();
        try
        {
            await assemblies.ReplaceAsync(mine, cancellationToken);
            await queue.CompleteByKeyAsync(AssemblyWork.QueueName, mine.AssemblyId, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 412)
        {
            // A worker took it up already: let it run; the campaign then has two jobs, which is harmless.
            return mine;
        }

        return first;
    }

    public async Task<Outcome<AssemblyStatus>> GetAsync(string campaignId, string assemblyId, CancellationToken cancellationToken)
    {
        if (!CampaignIds.IsValid(campaignId) || !IsAssemblyId(assemblyId))
        {
            return Problem.NotFound("The assembly");
        }

        if (await assemblies.GetAsync(campaignId, assemblyId, cancellationToken) is not { } entity)
        {
            return Problem.NotFound("The assembly");
        }

        return Outcome<AssemblyStatus>.Ok(await StatusAsync(entity, time.GetUtcNow(), cancellationToken));
    }

    /// <summary>
    /// One page of the campaign's assemblies, newest first (at most <see cref="MaxListed"/> a page), each as
    /// <see cref="GetAsync"/> reports it, and whether the newest finished one is out of date. One partition read: a
    /// campaign has a handful, and their ids are random, so the order is made here; the continuation token is the last
    /// item's place in that order, so a page never repeats or skips a row when others are added or deleted meanwhile.
    /// </summary>
    public async Task<Outcome<AssemblyList>> ListAsync(string campaignId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var size = pageSize ?? DefaultPageSize;
        var after = AssemblyPageToken.Parse(continuationToken);
        if (size is < 1 or > MaxListed || (continuationToken is not null && after is null))
        {
            var errors = new Dictionary<string, string[]>();
            if (size is < 1 or > MaxListed)
            {
                errors["pageSize"] = [$"Between 1 and {MaxListed}."];
            }

            if (continuationToken is not null && after is null)
            {
                errors["continuationToken"] = ["Not a token this list gave."];
            }

            return Problem.Validation(errors);
        }

        if (!CampaignIds.IsValid(campaignId) || await campaigns.GetAsync(campaignId, cancellationToken) is null)
        {
            return Problem.NotFound("The campaign");
        }

        var ordered = (await assemblies.ListAsync(campaignId, cancellationToken))
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var page = ordered.Where(r => after is null || after.Precedes(r)).Take(size + 1).ToList();
        var next = page.Count > size ? AssemblyPageToken.After(page[size - 1]) : null;

        var now = time.GetUtcNow();
        var items = new List<AssemblyStatus>();
        foreach (var row in page.Take(size))
        {
            items.Add(await StatusAsync(row, now, cancellationToken));
        }

        return Outcome<AssemblyList>.Ok(new AssemblyList(items, next, await IsOutOfDateAsync(campaignId, ordered, cancellationToken)));
    }

    public const int DefaultPageSize = 20;

    /// <summary>
    /// The newest finished video was made from an Approved list other than today's. Rows made before fingerprints were
    /// recorded say nothing (no banner rather than a wrong one).
    /// </summary>
    private async Task<bool> IsOutOfDateAsync(string campaignId, IReadOnlyList<AssemblyEntity> newestFirst, CancellationToken cancellationToken)
    {
        if (newestFirst.FirstOrDefault(r => r.State == AssemblyState.Succeeded) is not { ApprovedFingerprint: { } made })
        {
            return false;
        }

        return ApprovedClips.Fingerprint(await approved.ListAsync(campaignId, cancellationToken)) != made;
    }

    /// <summary>An assembly id as <see cref="StartAsync"/> makes them (32 lowercase hex digits); nothing else is looked up.</summary>
    public static bool IsAssemblyId([NotNullWhen(true)] string? assemblyId) => assemblyId is not null && AssemblyIdPattern().IsMatch(assemblyId);

    private async Task<AssemblyStatus> StatusAsync(AssemblyEntity entity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var container = storage.Container(StorageNames.FinalContainer);
        var outputs = new List<AssemblyOutput>();
        foreach (var name in Json<List<string>>(entity.OutputsJson) ?? [])
        {
            var blob = container.GetBlobClient(name);
            var url = await signer.SignAsync(blob, ReadSas.Build(StorageNames.FinalContainer, name, now, httpsOnly: blob.Uri.Scheme == Uri.UriSchemeHttps), cancellationToken);
            outputs.Add(new AssemblyOutput(Path.GetFileName(name), url));
        }

        return new AssemblyStatus(
            entity.AssemblyId,
            entity.Status,
            entity.Progress,
            entity.Message,
            entity.Formats.Split(',', StringSplitOptions.RemoveEmptyEntries),
            entity.TargetSeconds,
            entity.Title,
            entity.Subtitle,
            entity.EndCard,
            entity.ClipCount,
            Json<List<ShortenedClip>>(entity.ShortenedJson) ?? [],
            Json<List<string>>(entity.LeftOutJson) ?? [],
            outputs,
            entity.SegmentsRendered,
            entity.SegmentsReused,
            entity.ClipsDownloaded,
            entity.CreatedAt,
            entity.FinishedAt,
            entity.Music ?? true,
            entity.MusicLevel ?? MusicBed.DefaultLevel,
            entity.MusicMixed);
    }

    internal static T? Json<T>(string? json) where T : class =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);

    private static AssemblyAccepted Accepted(AssemblyEntity entity) =>
        new(entity.AssemblyId, entity.Status, StatusUrl(entity.PartitionKey, entity.AssemblyId));

    /// <summary>
    /// The campaign's queued or running job. A row whose queue item is no longer pending (dead-lettered after every
    /// lease ran out, or purged) would block the campaign for ever: it is marked Failed here (If-Match) and skipped.
    /// </summary>
    private async Task<AssemblyEntity?> ActiveAsync(string campaignId, CancellationToken cancellationToken)
    {
        // The same choice SettleAsync makes, so a start racing with others answers with the job they settle on.
        var actives = new List<AssemblyEntity>();
        foreach (var entity in await assemblies.ListActiveAsync(campaignId, cancellationToken))
        {
            if (await liveness.IsLiveAsync(entity, cancellationToken))
            {
                actives.Add(entity);
                continue;
            }

            entity.State = AssemblyState.Failed;
            entity.Message = "The assembly stopped without finishing; start it again.";
            entity.FinishedAt = time.GetUtcNow();
            try
            {
                await assemblies.ReplaceAsync(entity, cancellationToken);
            }
            catch (Azure.RequestFailedException e) when (e.Status == 412)
            {
                // Its worker wrote it meanwhile: whatever it says now, it is not ours to change.
            }
        }

        return First(actives);
    }

    private static AssemblyEntity? First(IEnumerable<AssemblyEntity> actives) =>
        actives.OrderBy(a => a.Timestamp).ThenBy(a => a.RowKey, StringComparer.Ordinal).FirstOrDefault();

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex AssemblyIdPattern();
}
