namespace SolidarityFn.Pipeline.Intake;

/// <summary>Length bounds of what contributors type (in characters, after trimming).</summary>
public static class FieldLimits
{
    public const int DisplayName = 80;
    public const int Union = 120;
    public const int Sector = 120;
    public const int City = 80;
    public const int Caption = 300;
    public const int FileName = 255;
}
