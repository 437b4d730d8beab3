using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The plan an assembly would follow with these settings, from today's Approved list, made by the same code the job
/// runs (<see cref="ApprovedClips.Plan"/>), so the organizer sees before starting what will be shortened or left out.
/// Reads only: nothing is stored and no job is queued.
/// </summary>
public sealed class AssemblyPlanPreview(CampaignCache campaigns, ApprovedClips approved, ITextCoverage coverage)
{
    public async Task<Outcome<AssemblyPlanReport>> PlanAsync(string campaignId, AssemblyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = AssemblyRequestValidator.Check(request, coverage, out var formats);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!CampaignIds.IsValid(campaignId) || await campaigns.GetAsync(campaignId, cancellationToken) is not { } campaign)
        {
            return Problem.NotFound("The campaign");
        }

        var rows = await approved.ListAsync(campaignId, cancellationToken);
        var target = request.TargetSeconds ?? AssemblyRequestValidator.DefaultTargetSeconds;
        var title = request.Title?.Trim() ?? campaign.Title;
        var subtitle = request.Subtitle?.Trim() ?? campaign.Subtitle ?? string.Empty;
        var endCard = request.EndCard?.Trim() ?? CampaignTexts.For(campaign, campaign.DefaultLanguage).EndCardText.Value;
        var names = formats.Select(f => f.Name).ToList();
        if (rows.Count == 0)
        {
            return Outcome<AssemblyPlanReport>.Ok(new AssemblyPlanReport(0, 0, target, 0, [], [], 0, names, title, subtitle, endCard, []));
        }

        var timeline = ApprovedClips.Plan(rows, campaign, title, endCard, target, subtitle);
        var clips = ApprovedClips.Clips(rows).Select(c => new PlannedClip(c.SubmissionId, c.Caption, AssemblyPlanner.TrimmedSeconds(c))).ToList();
        var clipsSeconds = Math.Round(clips.Sum(c => c.Seconds), 3);
        return Outcome<AssemblyPlanReport>.Ok(new AssemblyPlanReport(
            rows.Count,
            clipsSeconds,
            target,
            timeline.Clips.Count(),
            timeline.Shortened,
            timeline.LeftOut,
            Math.Round(timeline.TotalSeconds, 3),
            names,
            title,
            subtitle,
            endCard,
            clips));
    }
}
