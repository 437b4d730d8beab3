using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Tests;

/// <summary>The fonts the app ships (copied beside the tests by the build), loaded once for the whole test run.</summary>
internal static class ShippedFonts
{
    public static FontLibrary Library { get; } = new(AssemblyFonts.Resolve(null));

    public static ITextCoverage Coverage { get; } = new TextCoverage(Library);

    public static TextShaper Shaper { get; } = new(Library);
}
