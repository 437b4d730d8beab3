using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Review;

/// <summary>List rows and submissions → <see cref="ReviewItem"/>, with media links where there is media.</summary>
public sealed class ReviewItems(ReviewMediaLinks links)
{
    public Task<ReviewItem> FromSubmissionAsync(SubmissionEntity submission, CancellationToken cancellationToken) =>
        FromRowAsync(ReviewIndexEntity.From(submission, submission.ReviewKey ?? ""), cancellationToken);

    public async Task<ReviewItem> FromRowAsync(ReviewIndexEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        Uri? thumbnail = null, preview = null, clip = null;
        if (row.SourceKind is not null && row.ListedStatus != nameof(SubmissionStatus.Failed))
        {
            (thumbnail, preview, clip) = await links.SignAsync(row.PartitionKey, row.SubmissionId, cancellationToken);
        }

        var source = row.SourceKind is { } kind
            ? new ReviewSource(kind, row.SourceWidth ?? 0, row.SourceHeight ?? 0, row.SourceDurationSeconds ?? 0, row.SourceHadAudio ?? false)
            : null;
        return new ReviewItem(
            row.SubmissionId,
            row.ListedStatus,
            row.DisplayName,
            row.Union,
            row.Sector,
            row.City,
            row.Caption,
            row.OriginalCaption,
            row.Language,
            source,
            row.ClipSeconds,
            row.Position,
            row.TrimStartSeconds,
            row.TrimEndSeconds,
            row.RejectionReason,
            row.Reason,
            row.Message,
            row.ReadyAt,
            row.DecidedAt,
            ReviewEtags.For(row.Version),
            thumbnail,
            preview,
            clip,
            row.ProtectFaces == true || row.ProtectVoice == true
                ? new SolidarityFn.Pipeline.Protection.ProtectView(row.ProtectFaces == true, row.ProtectVoice == true, row.ProtectionConfirmedAt is not null)
                : null,
            row.ConsentVersion is > 0 && row.ConsentedAt is { } consentedAt ? new ReviewConsent(row.ConsentVersion.Value, row.ConsentLanguage, consentedAt) : null);
    }
}
