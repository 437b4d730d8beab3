namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The font files drawtext uses: DejaVu Sans and Sans Bold (Latin accents and Arabic). The app ships them in its
/// package (functions/SolidarityFn.Functions/fonts, copied beside the binaries), so text is drawn and measured with
/// the same files locally and in Azure, where no system fonts can be installed.
/// </summary>
public sealed record AssemblyFonts(string BoldPath, string RegularPath)
{
    public const string BoldFile = "DejaVuSans-Bold.ttf";
    public const string RegularFile = "DejaVuSans.ttf";

    /// <summary>Debian's fonts-dejavu-core (./dev installs it): the fall-back when the app carries no fonts/ folder.</summary>
    public const string DebianFolder = "/usr/share/fonts/truetype/dejavu";

    /// <summary>Debian's copy; the shipped files are the same version (fonts-dejavu-core 2.37).</summary>
    public static AssemblyFonts DejaVu { get; } = In(DebianFolder);

    public static AssemblyFonts In(string folder) =>
        new(Path.Combine(folder, BoldFile), Path.Combine(folder, RegularFile));

    /// <summary>The configured folder, else fonts/ beside the app when it exists, else Debian's folder.</summary>
    public static string ResolveFolder(string? configured, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var shipped = Path.Combine(baseDirectory, "fonts");
        return Directory.Exists(shipped) ? shipped : DebianFolder;
    }

    /// <summary>The fonts an app with this setting draws with (<see cref="AssemblyOptions.FontsPath"/>).</summary>
    public static AssemblyFonts Resolve(string? configured) => In(ResolveFolder(configured, AppContext.BaseDirectory));

    public IEnumerable<string> MissingFiles() => new[] { BoldPath, RegularPath }.Where(path => !File.Exists(path));
}
