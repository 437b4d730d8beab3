using Azure.Data.Tables;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Review;

/// <summary>How many clips from one union, sector or city: usable (Ready or Approved) and approved.</summary>
public sealed record CoverageCount(string Name, int Usable, int Approved);

/// <summary>Coverage of a campaign: submissions by status, and where the usable ones come from.</summary>
public sealed record Coverage(
    IReadOnlyDictionary<string, int> ByStatus,
    int Usable,
    int Approved,
    double ApprovedSeconds,
    IReadOnlyList<CoverageCount> Unions,
    IReadOnlyList<CoverageCount> Sectors,
    IReadOnlyList<CoverageCount> Cities);

/// <summary>
/// Counts one campaign's submissions (a projection of four columns over the partition's submission rows). Names are
/// grouped ignoring case and spacing, and shown as first written, so "ETFO  local 12" and "ETFO Local 12" count together.
/// </summary>
public sealed class CoverageReport
{
    private readonly SubmissionStore _submissions;
    private readonly CampaignCache _campaigns;

    public CoverageReport(SubmissionStore submissions, CampaignCache campaigns)
    {
        _submissions = submissions;
        _campaigns = campaigns;
    }

    public async Task<Outcome<Coverage>> CountAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!CampaignIds.IsValid(campaignId) || await _campaigns.GetAsync(campaignId, cancellationToken) is null)
        {
            return Problem.NotFound("The campaign");
        }

        var byStatus = Enum.GetNames<SubmissionStatus>().ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var unions = new Tally();
        var sectors = new Tally();
        var cities = new Tally();
        var usable = 0;
        var approved = 0;
        var approvedSeconds = 0.0;

        // Submission rows only: the list rows (RowKey from '~') repeat them.
        string[] columns = ["Status", "Union", "Sector", "City", "ClipSeconds", "TrimStartSeconds", "TrimEndSeconds"];
        await foreach (var row in _submissions.OfCampaignAsync(campaignId, columns, cancellationToken))
        {
            byStatus[row.Status] = byStatus.GetValueOrDefault(row.Status) + 1;
            var status = row.StatusValue;
            if (status is not (SubmissionStatus.Ready or SubmissionStatus.Approved))
            {
                continue;
            }

            var isApproved = status == SubmissionStatus.Approved;
            usable++;
            if (isApproved)
            {
                approved++;
                approvedSeconds += (row.TrimEndSeconds ?? row.ClipSeconds ?? 0) - (row.TrimStartSeconds ?? 0);
            }

            unions.Add(row.Union, isApproved);
            sectors.Add(row.Sector, isApproved);
            cities.Add(row.City, isApproved);
        }

        return Outcome<Coverage>.Ok(new Coverage(byStatus, usable, approved, Math.Round(approvedSeconds, 1), unions.Counts(), sectors.Counts(), cities.Counts()));
    }

    private sealed class Tally
    {
        private readonly Dictionary<string, (string Name, int Usable, int Approved)> _counts = new(StringComparer.Ordinal);

        public void Add(string? name, bool approved)
        {
            var shown = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (shown.Length == 0)
            {
                shown = "—";
            }

            var key = shown.ToUpperInvariant();
            var (first, usable, approvedCount) = _counts.GetValueOrDefault(key, (shown, 0, 0));
            _counts[key] = (first, usable + 1, approvedCount + (approved ? 1 : 0));
        }

        public List<CoverageCount> Counts() =>
            _counts.Values
                .OrderByDescending(c => c.Usable)
                .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .Select(c => new CoverageCount(c.Name, c.Usable, c.Approved))
                .ToList();
    }
}
