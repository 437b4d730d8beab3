namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Told when an assembly has rendered every segment and is about to check its clips again and publish. None is
/// registered by default; tests register one to withdraw a clip at exactly that moment, through the real API.
/// </summary>
public interface IAssemblyStageObserver
{
    Task RenderedAsync(string campaignId, string assemblyId, IReadOnlyList<string> usedSubmissionIds, CancellationToken cancellationToken);
}
