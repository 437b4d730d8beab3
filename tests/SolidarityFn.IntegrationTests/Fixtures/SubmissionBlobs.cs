using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace SolidarityFn.IntegrationTests.Fixtures;

/// <summary>
/// The processor writes a submission's last row (Ready or Failed) first and then makes the deletes its claim guards, so
/// a test that saw the status through the receipt or the table waits for the blobs to go, within a bound, before it
/// asserts they are gone.
/// </summary>
internal static class SubmissionBlobs
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static BlobClient Upload(BlobServiceClient blobs, string campaign, string submissionId) =>
        blobs.GetBlobContainerClient("uploads").GetBlobClient($"{campaign}/{submissionId}");

    public static async Task<List<string>> MediaAsync(BlobServiceClient blobs, string campaign, string submissionId)
    {
        var prefix = $"{campaign}/{submissionId}/";
        var names = new List<string>();
        await foreach (var item in blobs.GetBlobContainerClient("media").GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            names.Add(item.Name[prefix.Length..]);
        }

        return names;
    }

    /// <summary>Waits for the raw upload to be deleted (a Ready clip whose campaign keeps no originals).</summary>
    public static async Task AssertUploadDeletedAsync(BlobServiceClient blobs, string campaign, string submissionId)
    {
        var upload = Upload(blobs, campaign, submissionId);
        var deadline = DateTime.UtcNow + Limit;
        while (await upload.ExistsAsync() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(await upload.ExistsAsync(), $"the upload of {submissionId} was still stored {Limit.TotalSeconds} s after its last status");
    }

    /// <summary>Waits for the raw upload and every media blob to be deleted (refused media).</summary>
    public static async Task AssertNothingKeptAsync(BlobServiceClient blobs, string campaign, string submissionId)
    {
        var upload = Upload(blobs, campaign, submissionId);
        var deadline = DateTime.UtcNow + Limit;
        while ((await upload.ExistsAsync() || (await MediaAsync(blobs, campaign, submissionId)).Count > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(await upload.ExistsAsync(), $"the upload of {submissionId} was still stored {Limit.TotalSeconds} s after it failed");
        Assert.Empty(await MediaAsync(blobs, campaign, submissionId));
    }
}
