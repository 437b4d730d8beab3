namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The font files drawtext uses. The defaults are Debian's fonts-dejavu-core (installed by ./dev and in the Azure
/// image), so text looks the same locally and in Azure; DejaVu Sans covers Latin accents and Arabic.
/// </summary>
public sealed record AssemblyFonts(string BoldPath, string RegularPath)
{
    public static AssemblyFonts DejaVu { get; } = new(
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
}
