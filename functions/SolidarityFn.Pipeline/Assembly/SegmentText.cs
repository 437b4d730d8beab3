using SkiaSharp;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>A transparent PNG of a segment's text and where its top-left corner goes on the frame.</summary>
public sealed record TextOverlay(string PngPath, int X, int Y)
{
    /// <summary>On a card with a logo: where the logo goes, above the text block it was laid out with.</summary>
    public PixelBox? CardLogo { get; init; }
}

/// <summary>
/// The text of a segment drawn as a transparent picture, for ffmpeg to overlay: a clip's lower third (the caption, bold,
/// on a translucent black box, its last line above the meta line, which ends at the format's caption bottom) and a card's
/// headline (bold) and second line (regular, 6/10 of the size), centred together as one block, with drawtext's old shadow. Sizes and positions
/// are those of <see cref="AssemblyFormat"/>; every line is centred.
/// </summary>
public sealed class SegmentText
{
    public SegmentText(TextPainter painter)
    {
        ArgumentNullException.ThrowIfNull(painter);
        Painter = painter;
    }

    public TextPainter Painter { get; }

    public FontLibrary Fonts => Painter.Shaper.Fonts;

    public TextBlock Caption(string? text, AssemblyFormat format, bool bold = true) =>
        Painter.Layout(text, new TextStyle(format.CaptionFontSize, Bold: bold), format.TextWidth, SegmentRenderer.MaxCaptionLines);

    public TextBlock Meta(string? text, AssemblyFormat format) =>
        Painter.Layout(text, new TextStyle(format.MetaFontSize, Bold: false), format.TextWidth, 1);

    /// <summary>The lower third as a strip the width of the frame (null: no text to draw).</summary>
    public Task<TextOverlay?> LowerThirdAsync(string? caption, string? meta, AssemblyFormat format, string pngPath, CancellationToken cancellationToken) =>
        LowerThirdAsync(caption, meta, format, pngPath, SegmentLook.Default, cancellationToken);

    /// <summary>The lower third in the campaign's look: its box colour, text colour and caption weight.</summary>
    public async Task<TextOverlay?> LowerThirdAsync(string? caption, string? meta, AssemblyFormat format, string pngPath, SegmentLook look, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(look);
        var captionBlock = Caption(caption, format, look.Bold);
        var metaBlock = Meta(meta, format);
        if (captionBlock.Lines.Count == 0 && metaBlock.Lines.Count == 0)
        {
            return null;
        }

        var bottom = format.CaptionBottomY;
        var captionBottom = metaBlock.Lines.Count == 0 ? bottom : bottom - format.MetaFontSize - (format.CaptionFontSize / 2);
        var border = Math.Max(8, format.CaptionFontSize / 3);
        var captionTop = captionBottom - captionBlock.Height;
        var top = captionBlock.Lines.Count == 0 ? bottom - metaBlock.Height : captionTop - border;
        // Even rows: the overlay lands on whole chroma rows of the 4:2:0 frame.
        var stripTop = Math.Max(0, ((int)Math.Floor(top) - 2) & ~1);
        var stripBottom = Math.Min(format.Height, ((int)Math.Ceiling(Math.Max(bottom, captionBottom + border + 0.0)) + 6 + 1) & ~1);
        using var bitmap = new SKBitmap(new SKImageInfo(format.Width, stripBottom - stripTop, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.Translate(0, -stripTop);
            var centre = format.Width / 2f;
            if (captionBlock.Lines.Count > 0)
            {
                var half = captionBlock.Width / 2;
                using var box = new SKPaint { Color = look.Box, IsAntialias = false };
                canvas.DrawRect(SKRect.Create(centre - half - border, captionTop - border, captionBlock.Width + (2 * border), captionBlock.Height + (2 * border)), box);
                TextPainter.Draw(canvas, captionBlock, centre, captionTop, shadow: false, look.Text);
            }

            if (metaBlock.Lines.Count > 0)
            {
                TextPainter.Draw(canvas, metaBlock, centre, bottom - metaBlock.Height, shadow: true, look.Text);
            }
        }

        await TextPainter.WritePngAsync(bitmap, pngPath, cancellationToken);
        return new TextOverlay(pngPath, 0, stripTop);
    }

    /// <summary>Tops of a card's headline and second line, the two (and the gap between them) centred as one block in a frame of <paramref name="frameHeight"/>.</summary>
    public static (float HeadTop, float SubTop) CardBlock(float headHeight, float subHeight, float gap, int frameHeight)
    {
        var top = (frameHeight - (headHeight + gap + subHeight)) / 2;
        return (top, top + headHeight + gap);
    }

    /// <summary>A card's text on a transparent frame (null: no text).</summary>
    public Task<TextOverlay?> CardAsync(string? headline, string? subline, AssemblyFormat format, string pngPath, CancellationToken cancellationToken) =>
        CardAsync(headline, subline, format, pngPath, SegmentLook.Default, cancellationToken);

    /// <summary>A card's text in the campaign's look: its text colour and headline weight.</summary>
    public async Task<TextOverlay?> CardAsync(string? headline, string? subline, AssemblyFormat format, string pngPath, SegmentLook look, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(look);
        var head = Painter.Layout(headline, new TextStyle(format.CardFontSize, Bold: look.Bold), format.TextWidth, SegmentRenderer.MaxCardLines);
        var sub = Painter.Layout(subline, new TextStyle(CardCommand.SublineFontSize(format), Bold: false), format.TextWidth, SegmentRenderer.MaxCardLines);
        if (head.Lines.Count == 0 && sub.Lines.Count == 0)
        {
            return null;
        }

        // Headline and second line are one block, centred both ways: a three-line title no longer pushes the block up
        // from a subtitle pinned under the middle.
        var gap = head.Lines.Count > 0 && sub.Lines.Count > 0 ? format.CardFontSize : 0;
        // With a logo, logo and text are one block centred together: the text moves down by the logo's room.
        PixelBox? logo = null;
        var reserve = 0;
        if (look.Logo is { } stored)
        {
            (logo, reserve) = LogoPlacement.Card(format, stored.Width, stored.Height, head.Height + gap + sub.Height);
        }

        var (headTop, subTop) = CardBlock(head.Height, sub.Height, gap, format.Height - reserve);
        (headTop, subTop) = (headTop + reserve, subTop + reserve);
        using var bitmap = new SKBitmap(new SKImageInfo(format.Width, format.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            var centre = format.Width / 2f;
            if (head.Lines.Count > 0)
            {
                TextPainter.Draw(canvas, head, centre, headTop, shadow: true, look.Text);
            }

            if (sub.Lines.Count > 0)
            {
                TextPainter.Draw(canvas, sub, centre, subTop, shadow: true, look.Text);
            }
        }

        await TextPainter.WritePngAsync(bitmap, pngPath, cancellationToken);
        return new TextOverlay(pngPath, 0, 0) { CardLogo = logo };
    }
}
