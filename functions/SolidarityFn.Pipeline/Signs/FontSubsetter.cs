using System.Runtime.InteropServices;
using SkiaSharp;
using SolidarityFn.Pipeline.Text;
using HbBlob = HarfBuzzSharp.Blob;
using HbFace = HarfBuzzSharp.Face;

namespace SolidarityFn.Pipeline.Signs;

/// <summary>
/// Cuts a shipped face down to the glyphs a page draws, keeping their ids (HarfBuzz's hb_subset with RETAIN_GIDS,
/// from the native library HarfBuzzSharp already ships; the managed wrapper has no subset API). Skia's PDF backend
/// embeds a face whole, so without this a sign carried 0.3–0.6 MB of fonts; with it, only the drawn glyphs' outlines.
/// The glyph ids stay those HarfBuzz shaped with, so the page draws exactly what was measured.
/// </summary>
public static class FontSubsetter
{
    private const string Library = "libHarfBuzzSharp";
    private const int GlyphIndexSet = 0; // HB_SUBSET_SETS_GLYPH_INDEX
    private const uint RetainGlyphIds = 1u << 1; // HB_SUBSET_FLAGS_RETAIN_GIDS

    /// <summary>A typeface holding only <paramref name="glyphs"/> (and .notdef) of <paramref name="face"/>; null when HarfBuzz cannot subset it.</summary>
    public static SKTypeface? Subset(FontLibrary fonts, LoadedFace face, IEnumerable<ushort> glyphs)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(glyphs);
        using var blob = HbBlob.FromFile(fonts.Fonts.PathOf(face.Face));
        using var source = new HbFace(blob, face.Face.FaceIndex);
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            var set = hb_subset_input_set(input, GlyphIndexSet);
            foreach (var glyph in glyphs)
            {
                hb_set_add(set, glyph);
            }

            hb_subset_input_set_flags(input, RetainGlyphIds);
            var subset = hb_subset_or_fail(source.Handle, input);
            if (subset == IntPtr.Zero)
            {
                return null;
            }

            try
            {
                var data = hb_face_reference_blob(subset);
                try
                {
                    var pointer = hb_blob_get_data(data, out var length);
                    if (pointer == IntPtr.Zero || length == 0)
                    {
                        return null;
                    }

                    var bytes = new byte[length];
                    Marshal.Copy(pointer, bytes, 0, (int)length);
                    using var skData = SKData.CreateCopy(bytes);
                    return SKTypeface.FromData(skData);
                }
                finally
                {
                    hb_blob_destroy(data);
                }
            }
            finally
            {
                hb_face_destroy(subset);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);
        }
    }

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr hb_subset_input_create_or_fail();

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void hb_subset_input_destroy(IntPtr input);

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr hb_subset_input_set(IntPtr input, int setType);

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void hb_subset_input_set_flags(IntPtr input, uint flags);

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void hb_set_add(IntPtr set, uint codepoint);

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr hb_subset_or_fail(IntPtr source, IntPtr input);

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr hb_face_reference_blob(IntPtr face);

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void hb_blob_destroy(IntPtr blob);

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void hb_face_destroy(IntPtr face);
}
