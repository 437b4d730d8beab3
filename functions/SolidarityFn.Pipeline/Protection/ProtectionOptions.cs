namespace SolidarityFn.Pipeline.Protection;

/// <summary>Identity protection settings (section "Protection").</summary>
public sealed class ProtectionOptions
{
    public const string SectionName = "Protection";

    /// <summary>
    /// False turns the face detector off: on a host whose image lacks the native library's dependencies (GTK 3 on a stock
    /// Azure Functions image), clips asking for hidden faces still go to Ready, with no proposals, and the organizer draws
    /// every box. Approval still waits for the organizer's confirmation.
    /// </summary>
    public bool FaceDetection { get; set; } = true;
}
