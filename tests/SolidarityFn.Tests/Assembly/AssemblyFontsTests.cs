using System.ComponentModel.DataAnnotations;
using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.Tests.Assembly;

public sealed class AssemblyFontsTests : IDisposable
{
    private readonly string _base = Directory.CreateTempSubdirectory("fonts-base-").FullName;

    [Fact]
    public void A_configured_folder_wins()
    {
        Directory.CreateDirectory(Path.Combine(_base, "fonts"));

        Assert.Equal("/srv/fonts", AssemblyFonts.ResolveFolder("/srv/fonts", _base));
    }

    [Fact]
    public void By_default_the_fonts_folder_beside_the_app_is_used()
    {
        Assert.Equal(Path.Combine(_base, "fonts"), AssemblyFonts.ResolveFolder(null, _base));
        Assert.Equal(Path.Combine(_base, "fonts"), AssemblyFonts.ResolveFolder(" ", _base));
    }

    [Fact]
    public void The_fallback_order_is_latin_arabic_ethiopic_cjk_emoji_symbols_in_both_weights()
    {
        string[] regular = ["NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSansEthiopic-Regular.ttf", "NotoSansCJK-Bold.ttc", "NotoColorEmoji.ttf", "NotoSansSymbols2-Regular.ttf"];
        string[] bold = ["NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf", "NotoSansEthiopic-Bold.ttf", "NotoSansCJK-Bold.ttc", "NotoColorEmoji.ttf", "NotoSansSymbols2-Regular.ttf"];

        Assert.Equal(regular, AssemblyFonts.RegularOrder.Select(f => f.FileName));
        Assert.Equal(bold, AssemblyFonts.BoldOrder.Select(f => f.FileName));
        Assert.Equal(AssemblyFonts.CjkSimplifiedChineseFace, AssemblyFonts.RegularOrder[3].FaceIndex);
        Assert.Equal(9, AssemblyFonts.FileNames.Count);
    }

    [Fact]
    public void The_identity_changes_when_a_font_file_changes_size()
    {
        foreach (var name in AssemblyFonts.FileNames)
        {
            File.WriteAllBytes(Path.Combine(_base, name), [0]);
        }

        var before = AssemblyFonts.In(_base).Identity;
        File.WriteAllBytes(Path.Combine(_base, AssemblyFonts.EmojiFile), [0, 1]);

        Assert.NotEqual(before, AssemblyFonts.In(_base).Identity);
        Assert.Contains("NotoColorEmoji.ttf:2", AssemblyFonts.In(_base).Identity, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_fails_with_the_missing_font_files_named()
    {
        File.WriteAllBytes(Path.Combine(_base, AssemblyFonts.RegularFile), [0]);
        var options = new AssemblyOptions { FontsPath = _base };

        var error = Assert.Single(options.Validate(new ValidationContext(options)));

        Assert.Contains(Path.Combine(_base, AssemblyFonts.BoldFile), error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_base, AssemblyFonts.EmojiFile), error.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.Combine(_base, AssemblyFonts.RegularFile) + ",", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([nameof(AssemblyOptions.FontsPath)], error.MemberNames);
    }

    [Fact]
    public void A_folder_holding_every_font_is_valid()
    {
        foreach (var name in AssemblyFonts.FileNames)
        {
            File.WriteAllBytes(Path.Combine(_base, name), [0]);
        }

        var options = new AssemblyOptions { FontsPath = _base };

        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Fact]
    public void The_shipped_fonts_load_and_a_broken_font_file_is_refused()
    {
        using var shipped = new SolidarityFn.Pipeline.Text.FontLibrary(AssemblyFonts.Resolve(null));
        Assert.Equal(6, shipped.Regular.Count);

        foreach (var name in AssemblyFonts.FileNames)
        {
            File.WriteAllBytes(Path.Combine(_base, name), [0]);
        }

        Assert.ThrowsAny<Exception>(() => new SolidarityFn.Pipeline.Text.FontLibrary(AssemblyFonts.In(_base)));
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);
}
