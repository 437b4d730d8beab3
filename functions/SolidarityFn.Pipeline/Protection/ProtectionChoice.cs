namespace SolidarityFn.Pipeline.Protection;

/// <summary>
/// What the contributor asked to hide (<c>protect</c> in the intake request and on the receipt). Absent members are
/// false. A contributor can turn a choice on, never off: once asked, an organizer must check it.
/// </summary>
public sealed record ProtectChoice
{
    public bool? Faces { get; init; }
    public bool? Voice { get; init; }
}

/// <summary>The protection of a submission as the receipt shows it.</summary>
/// <param name="Confirmed">True once an organizer has checked and confirmed the hidden regions.</param>
public sealed record ProtectView(bool Faces, bool Voice, bool Confirmed);
