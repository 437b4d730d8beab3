namespace SolidarityFn.Pipeline.Protection;

/// <summary>
/// GET/PUT …/submissions/{submissionId}/protection (organizer): what is hidden, where, and who confirmed it.
/// <see cref="Etag"/> is the submission's version, as for decisions.
/// </summary>
public sealed record ProtectionState(
    bool Faces,
    bool Voice,
    IReadOnlyList<ProtectionRegion> Regions,
    DateTimeOffset? ProposedAt,
    string? ConfirmedBy,
    DateTimeOffset? ConfirmedAt,
    string Etag);

/// <summary>The PUT body: absent members keep what is stored; <c>confirm: true</c> saves and confirms in one step.</summary>
public sealed record ProtectionUpdate
{
    public bool? Faces { get; init; }
    public bool? Voice { get; init; }
    public IReadOnlyList<ProtectionRegion>? Regions { get; init; }
    public bool? Confirm { get; init; }

    /// <summary>200 regions of six numbers each fit many times over.</summary>
    public const int MaxBodyBytes = 64 * 1024;
}
