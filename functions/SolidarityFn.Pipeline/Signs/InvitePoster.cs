namespace SolidarityFn.Pipeline.Signs;

/// <summary>What the invitation poster says; the link is also what its QR code holds.</summary>
public sealed record InviteContent(string Kicker, string Title, string Call, string? Deadline, string Scan, string Link);

/// <summary>
/// Lays out the invitation poster, portrait, for a break-room wall: a line saying what this is, the campaign title
/// large, the call in a short paragraph, the deadline, then the largest QR code the rest of the page leaves (at most
/// 11 cm), what to do with it and the link in text under it. Pure, like <see cref="SignLayout"/>.
/// </summary>
public static class InvitePoster
{
    public const double MaxQrSide = 311.8; // 11 cm
    private const double Gap = 16;

    public static PageLayout Layout(InviteContent content, SignPaper paper, ITextMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(measure);
        var (pageWidth, pageHeight) = SignPapers.Size(paper, landscape: false);
        var margin = SignLayout.Margin;
        var width = pageWidth - (2 * margin);
        var texts = new List<PlacedText>();
        var y = margin;

        void Add(List<PlacedText> block)
        {
            if (block.Count == 0)
            {
                return;
            }

            var shift = y;
            texts.AddRange(block.Select(p => p with { X = p.X + margin, Baseline = p.Baseline + shift }));
            y = block[^1].Baseline + block[^1].Descent + shift + Gap;
        }

        Add(SignLayout.Paragraph("kicker", content.Kicker, false, SignInk.Filled, width, 20, 12, 60, measure));
        Add(SignLayout.Paragraph("title", content.Title, true, SignInk.Text, width, 46, 18, 170, measure));
        Add(SignLayout.Paragraph("call", content.Call, false, SignInk.Text, width, 16, 10, 110, measure));
        if (content.Deadline is { } deadline)
        {
            Add(SignLayout.Paragraph("deadline", deadline, true, SignInk.Text, width, 16, 10, 40, measure));
        }

        // Bottom up: the link and the instruction under the code, then the code takes what is left.
        var link = SignLayout.Paragraph("link", content.Link, false, SignInk.Text, width, 13, 8, 48, measure);
        var scan = SignLayout.Paragraph("scan", content.Scan, true, SignInk.Text, width, 15, 10, 44, measure);
        var linkHeight = link[^1].Baseline + link[^1].Descent;
        var scanHeight = scan[^1].Baseline + scan[^1].Descent;
        var bottom = pageHeight - margin;
        var linkTop = bottom - linkHeight;
        var scanTop = linkTop - 6 - scanHeight;
        var side = Math.Min(MaxQrSide, Math.Min(width, scanTop - 8 - y));
        var qrY = y + Math.Max(0, (scanTop - 8 - y - side) / 2);
        var qr = new QrPlacement(margin + ((width - side) / 2), qrY, side);
        var below = qrY + side + 8;
        texts.AddRange(scan.Select(p => p with { X = p.X + margin, Baseline = p.Baseline + below }));
        below += scanHeight + 6;
        texts.AddRange(link.Select(p => p with { X = p.X + margin, Baseline = p.Baseline + below }));
        return new PageLayout(pageWidth, pageHeight, texts, Qr: qr);
    }
}
