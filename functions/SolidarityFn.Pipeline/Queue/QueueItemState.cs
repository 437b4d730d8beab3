namespace SolidarityFn.Pipeline.Queue;

/// <summary>
/// Where an item is. A leased item is still <see cref="Pending"/>: its VisibleAt is the lease's end, so it can be
/// claimed again as soon as the lease runs out.
/// </summary>
public enum QueueItemState
{
    Pending,
    Done,
    DeadLetter,
}
