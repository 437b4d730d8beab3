namespace SolidarityFn.Pipeline.Queue;

/// <summary>How far one pump run may go; the pump's defaults come from <see cref="QueueOptions"/>.</summary>
public sealed record PumpLimits(TimeSpan Budget, int MaxItems, int Concurrency)
{
    public static PumpLimits From(QueueOptions options) => new(options.PumpBudget, options.PumpMaxItems, options.PumpConcurrency);
}

public enum PumpStopReason
{
    /// <summary>Nothing was due on any queue.</summary>
    Drained,

    /// <summary>The time budget was spent; items still due wait for the next run.</summary>
    Budget,

    /// <summary>The run claimed its maximum number of items.</summary>
    MaxItems,

    /// <summary>The host is shutting down; items in hand were released.</summary>
    Cancelled,

    /// <summary>Storage failed while claiming; see the logs.</summary>
    StorageError,
}

/// <summary>
/// What a pump run did. Claimed = Completed + Failed + DeadLettered + LeaseLost + Released + Unrecorded, where
/// Unrecorded counts items whose outcome could not be written (storage error): their lease runs out and they come back.
/// </summary>
public sealed record PumpSummary(
    int Claimed,
    int Completed,
    int Failed,
    int DeadLettered,
    int LeaseLost,
    int Released,
    int Unrecorded,
    PumpStopReason StoppedBecause,
    TimeSpan Elapsed);
