namespace SolidarityFn.Pipeline.Text;

/// <summary>Whether the shipped fonts can draw a text: checked when a text that ends up on the video is set.</summary>
public interface ITextCoverage
{
    /// <summary>The first character no shipped font can draw, named "U+E000"; null when every character can be drawn.</summary>
    string? FirstUndrawable(string? text);
}

/// <summary>
/// <see cref="ITextCoverage"/> from the shipped fonts themselves (<see cref="FontLibrary"/>), with the renderer's own
/// fallback rule, in both weights (captions and headlines are bold, meta lines regular): what passes here is drawn, and a
/// character that would be a box is refused with its name instead.
/// </summary>
public sealed class TextCoverage : ITextCoverage
{
    private readonly FontLibrary _fonts;

    public TextCoverage(FontLibrary fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        _fonts = fonts;
    }

    public string? FirstUndrawable(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            // A lone surrogate is no character at all: name the code unit rather than the U+FFFD it would decode to.
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return CodePoints.Name(text[i]);
            }
        }

        var missing = _fonts.FirstUndrawable(text, bold: true) ?? _fonts.FirstUndrawable(text, bold: false);
        return missing is { } codePoint ? CodePoints.Name(codePoint) : null;
    }
}

/// <summary>The field error of a text no font can draw, in the validators' dictionary of field errors.</summary>
public static class DrawableFields
{
    public static string Message(string character) => $"The character {character} cannot be drawn on the video: remove it.";

    /// <summary>Adds the field's error unless the field already has one (a field reports its first problem).</summary>
    public static void Check(ITextCoverage coverage, string? value, string field, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null || errors.ContainsKey(field))
        {
            return;
        }

        if (coverage.FirstUndrawable(value) is { } character)
        {
            errors[field] = [Message(character)];
        }
    }
}
