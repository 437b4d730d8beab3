using System.Text.Json;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Bench.Scenarios.Intake;

/// <summary>
/// The one upload request both sides stand for: the JSON body the HTTP clients post, and the Submission row the
/// intake writes for it, which the bare loop inserts directly (same columns, same sizes).
/// </summary>
public static class IntakeWorkload
{
    public const string CampaignId = DefaultCampaign.Id;
    public const string UploadsPath = "/api/campaigns/" + CampaignId + "/uploads";

    private const string FileName = "VID_20250614_181502.mp4";
    private const string ContentType = "video/mp4";
    private const long SizeBytes = 38_547_210;
    private const string DisplayName = "Sam R.";
    private const string Union = "UFCW Local 1518";
    private const string Sector = "Grocery retail";
    private const string City = "Vancouver, BC";
    private const string Caption = "ICE out of MN: Solidarity from grocery workers in Vancouver!";
    private const string Language = "en";
    private const int ConsentVersion = 1;

    /// <summary>UTF-8 JSON body, serialized once (the server parses it every time).</summary>
    public static byte[] RequestBody { get; } = JsonSerializer.SerializeToUtf8Bytes(new
    {
        fileName = FileName,
        contentType = ContentType,
        sizeBytes = SizeBytes,
        displayName = DisplayName,
        union = Union,
        sector = Sector,
        city = City,
        caption = Caption,
        language = Language,
        consent = true,
        consentVersion = ConsentVersion,
    });

    /// <summary>The row IntakeService records for <see cref="RequestBody"/>, with a fresh id and receipt hash.</summary>
    public static SubmissionEntity NewSubmission()
    {
        var now = DateTimeOffset.UtcNow;
        return new SubmissionEntity
        {
            PartitionKey = CampaignId,
            RowKey = SubmissionIds.New(),
            StatusValue = SubmissionStatus.Issued,
            DisplayName = DisplayName,
            Union = Union,
            Sector = Sector,
            City = City,
            Caption = Caption,
            Language = Language,
            DeclaredContentType = ContentType,
            DeclaredSizeBytes = SizeBytes,
            ConsentVersion = ConsentVersion,
            ConsentedAt = now,
            ReceiptTokenHash = ReceiptTokens.Create("minnesota-solidarity").Hash,
            IssuedAt = now,
            UploadExpiresAt = now.AddMinutes(15),
        };
    }
}
