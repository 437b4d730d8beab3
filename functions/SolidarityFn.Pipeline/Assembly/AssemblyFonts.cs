using System.Globalization;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>One face of a font file (a .ttc holds several; <paramref name="FaceIndex"/> picks one).</summary>
public sealed record FontFace(string FileName, int FaceIndex = 0);

/// <summary>
/// The font files every on-screen text is drawn with: Noto faces covering Latin (with Vietnamese), Greek and Cyrillic,
/// Arabic, Ethiopic, Chinese/Japanese/Korean, colour emoji and symbols. The app ships them in its package
/// (functions/SolidarityFn.Functions/fonts, copied beside the binaries, licence in OFL.txt), so text is drawn, measured
/// and checked with the same files locally and in Azure, where no system fonts can be installed.
/// Each character is drawn with the first face of <see cref="RegularOrder"/> or <see cref="BoldOrder"/> that has it.
/// </summary>
public sealed class AssemblyFonts
{
    public const string RegularFile = "NotoSans-Regular.ttf";
    public const string BoldFile = "NotoSans-Bold.ttf";
    public const string CjkFile = "NotoSansCJK-Bold.ttc";
    public const string EmojiFile = "NotoColorEmoji.ttf";
    public const string LicenceFile = "OFL.txt";

    /// <summary>Face 2 of the CJK collection is "Noto Sans CJK SC": simplified Chinese glyph forms (kana and hangul too).</summary>
    public const int CjkSimplifiedChineseFace = 2;

    private static readonly FontFace Cjk = new(CjkFile, CjkSimplifiedChineseFace);
    private static readonly FontFace Emoji = new(EmojiFile);
    private static readonly FontFace Symbols = new("NotoSansSymbols2-Regular.ttf");

    /// <summary>
    /// The fallback order of regular text: Latin/Greek/Cyrillic → Arabic → Ethiopic → CJK (one bold weight only: 20 MB
    /// each) → colour emoji → symbols. Emoji sequences (a variation selector 16, a joiner, a skin tone, a flag) go to the
    /// emoji face first.
    /// </summary>
    public static IReadOnlyList<FontFace> RegularOrder { get; } =
        [new(RegularFile), new("NotoSansArabic-Regular.ttf"), new("NotoSansEthiopic-Regular.ttf"), Cjk, Emoji, Symbols];

    /// <summary>The same order in bold (captions, card headlines).</summary>
    public static IReadOnlyList<FontFace> BoldOrder { get; } =
        [new(BoldFile), new("NotoSansArabic-Bold.ttf"), new("NotoSansEthiopic-Bold.ttf"), Cjk, Emoji, Symbols];

    /// <summary>Every shipped font file, once.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        RegularOrder.Concat(BoldOrder).Select(f => f.FileName).Distinct(StringComparer.Ordinal).ToArray();

    private readonly Lazy<string> _identity;

    public AssemblyFonts(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = folder;
        _identity = new Lazy<string>(() => string.Join(';', FileNames.Select(name =>
        {
            var file = new FileInfo(System.IO.Path.Combine(Folder, name));
            return name + ":" + (file.Exists ? file.Length : -1).ToString(CultureInfo.InvariantCulture);
        })));
    }

    public string Folder { get; }

    /// <summary>File names and sizes of the set: part of every segment key, so changed fonts re-render.</summary>
    public string Identity => _identity.Value;

    public static AssemblyFonts In(string folder) => new(folder);

    public string PathOf(FontFace face)
    {
        ArgumentNullException.ThrowIfNull(face);
        return System.IO.Path.Combine(Folder, face.FileName);
    }

    /// <summary>The configured folder, else fonts/ beside the app (where the build and publish copy them).</summary>
    public static string ResolveFolder(string? configured, string baseDirectory) =>
        string.IsNullOrWhiteSpace(configured) ? System.IO.Path.Combine(baseDirectory, "fonts") : configured;

    /// <summary>The fonts an app with this setting draws with (<see cref="AssemblyOptions.FontsPath"/>).</summary>
    public static AssemblyFonts Resolve(string? configured) => In(ResolveFolder(configured, AppContext.BaseDirectory));

    public IEnumerable<string> MissingFiles() =>
        FileNames.Select(name => System.IO.Path.Combine(Folder, name)).Where(path => !File.Exists(path));
}
