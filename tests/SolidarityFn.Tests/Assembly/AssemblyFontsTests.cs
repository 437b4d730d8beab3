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
    public void The_fonts_folder_beside_the_app_comes_before_the_system_fonts()
    {
        Directory.CreateDirectory(Path.Combine(_base, "fonts"));

        Assert.Equal(Path.Combine(_base, "fonts"), AssemblyFonts.ResolveFolder(null, _base));
    }

    [Fact]
    public void Without_a_fonts_folder_beside_the_app_debians_fonts_are_used()
    {
        Assert.Equal(AssemblyFonts.DebianFolder, AssemblyFonts.ResolveFolder(" ", _base));
    }

    [Fact]
    public void Shipped_and_system_fonts_have_the_same_file_names_so_segment_keys_do_not_change()
    {
        var shipped = AssemblyFonts.In(Path.Combine(_base, "fonts"));

        Assert.Equal(Path.GetFileName(AssemblyFonts.DejaVu.BoldPath), Path.GetFileName(shipped.BoldPath));
        Assert.Equal(Path.GetFileName(AssemblyFonts.DejaVu.RegularPath), Path.GetFileName(shipped.RegularPath));
    }

    [Fact]
    public void Start_up_fails_with_the_missing_font_files_named()
    {
        File.WriteAllBytes(Path.Combine(_base, AssemblyFonts.RegularFile), [0]);
        var options = new AssemblyOptions { FontsPath = _base };

        var error = Assert.Single(options.Validate(new ValidationContext(options)));

        Assert.Contains(Path.Combine(_base, AssemblyFonts.BoldFile), error.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.Combine(_base, AssemblyFonts.RegularFile) + ",", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([nameof(AssemblyOptions.FontsPath)], error.MemberNames);
    }

    [Fact]
    public void A_folder_holding_both_fonts_is_valid()
    {
        File.WriteAllBytes(Path.Combine(_base, AssemblyFonts.RegularFile), [0]);
        File.WriteAllBytes(Path.Combine(_base, AssemblyFonts.BoldFile), [0]);
        var options = new AssemblyOptions { FontsPath = _base };

        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);
}
