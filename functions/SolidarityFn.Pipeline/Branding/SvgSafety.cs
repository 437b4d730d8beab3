using System.Text;
using System.Xml;

namespace SolidarityFn.Pipeline.Branding;

/// <summary>
/// An SVG logo is a document that could point anywhere: before Svg.Skia sees it, it is read with no DTD and no resolver,
/// and refused if it has a script, an event handler, a foreign object, a style import, or any reference that is not to
/// itself (<c>#id</c>) or an embedded PNG/JPEG (<c>data:image/…</c>). So rasterising it never fetches or runs anything.
/// </summary>
public static class SvgSafety
{
    private static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "foreignObject", "iframe", "object", "embed", "audio", "video", "handler", "listener",
    };

    /// <summary>
    /// Whether the bytes are an XML document whose root element is &lt;svg&gt; (a DTD is skipped, not read, so an SVG with
    /// one is recognised as SVG and then refused by <see cref="Check"/> with the reason).
    /// </summary>
    public static bool RootIsSvg(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var settings = Settings();
            settings.DtdProcessing = DtdProcessing.Ignore;
            using var reader = XmlReader.Create(new StringReader(Encoding.UTF8.GetString(bytes)), settings);
            return reader.MoveToContent() == XmlNodeType.Element && reader.LocalName == "svg";
        }
        catch (XmlException)
        {
            return false;
        }
    }

    /// <summary>Null when the SVG is safe to rasterise, else the reason it is refused (shown to the organizer).</summary>
    public static string? Check(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        try
        {
            using var reader = XmlReader.Create(new StringReader(svg), Settings());
            var inStyle = false;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (Forbidden.Contains(reader.LocalName))
                        {
                            return $"This SVG has a <{reader.LocalName}> element; logos with scripts or embedded documents are not accepted. Export a plain SVG or send a PNG.";
                        }

                        inStyle = reader.LocalName == "style" && !reader.IsEmptyElement;
                        if (Attributes(reader) is { } reason)
                        {
                            return reason;
                        }

                        break;
                    case XmlNodeType.EndElement:
                        inStyle = false;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA when inStyle:
                        if (Css(reader.Value) is { } cssReason)
                        {
                            return cssReason;
                        }

                        break;
                    case XmlNodeType.ProcessingInstruction when reader.LocalName.Equals("xml-stylesheet", StringComparison.OrdinalIgnoreCase):
                        return External();
                }
            }

            return null;
        }
        catch (XmlException)
        {
            return "This SVG is not well-formed XML (or has a DOCTYPE); export it again or send a PNG.";
        }
    }

    private static string? Attributes(XmlReader reader)
    {
        if (!reader.MoveToFirstAttribute())
        {
            return null;
        }

        do
        {
            var (name, value) = (reader.LocalName, reader.Value.Trim());
            // No SVG presentation attribute starts with "on": every one that does is an event handler.
            if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                return "This SVG has an event handler (a script); logos with scripts are not accepted. Export a plain SVG or send a PNG.";
            }

            if (reader.Prefix == "xmlns" || name == "xmlns")
            {
                continue;
            }

            if ((name == "href" || name == "src") && !IsLocal(value))
            {
                return External();
            }

            if (Css(value) is { } reason)
            {
                return reason;
            }
        }
        while (reader.MoveToNextAttribute());
        reader.MoveToElement();
        return null;
    }

    private static string? Css(string text)
    {
        if (text.Contains("@import", StringComparison.OrdinalIgnoreCase))
        {
            return External();
        }

        var at = 0;
        while ((at = text.IndexOf("url(", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var target = text[(at + 4)..].TrimStart().TrimStart('\'', '"');
            if (!IsLocal(target))
            {
                return External();
            }

            at += 4;
        }

        return null;
    }

    /// <summary>A reference to the document itself or an embedded raster picture.</summary>
    private static bool IsLocal(string target) =>
        target.StartsWith('#') ||
        target.StartsWith("data:image/png", StringComparison.OrdinalIgnoreCase) ||
        target.StartsWith("data:image/jpeg", StringComparison.OrdinalIgnoreCase);

    private static string External() =>
        "This SVG refers to other files or addresses; logos must be self-contained. Embed the pictures, or send a PNG.";

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        MaxCharactersInDocument = LogoLimits.MaxBytes * 2,
    };
}
