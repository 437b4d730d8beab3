using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Processing;

namespace SolidarityFn.IntegrationTests.Processing;

/// <summary>
/// Processing reads exactly the version of the upload whose size and type it checked, against real Azurite: the link
/// can still write while it lives, so a file replaced between the check and the download must not be read.
/// </summary>
[Collection(StackCollection.Name)]
public class CheckedUploadTests(StackFixture stack) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-checked-").FullName;
    private readonly BlobContainerClient _container = stack.Blobs.GetBlobContainerClient("checked-upload-tests");

    public async Task InitializeAsync() => await _container.CreateIfNotExistsAsync();

    public async Task DisposeAsync()
    {
        await _container.DeleteIfExistsAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<BlobClient> UploadAsync(byte[] content)
    {
        var blob = _container.GetBlobClient(Guid.NewGuid().ToString("N"));
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true);
        return blob;
    }

    private static byte[] Bytes(int length, byte fill) => Enumerable.Repeat(fill, length).ToArray();

    [Fact]
    public async Task The_checked_version_is_what_is_downloaded()
    {
        var blob = await UploadAsync(Bytes(4096, 0x11));
        var properties = await CheckedUpload.CheckAsync(blob, 4096, 1 << 20, CancellationToken.None);

        var path = Path.Combine(_dir, "same");
        await CheckedUpload.DownloadAsync(blob, properties, path, CancellationToken.None);

        Assert.Equal(Bytes(4096, 0x11), await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_file_replaced_after_the_check_is_not_read()
    {
        var blob = await UploadAsync(Bytes(4096, 0x11));
        var properties = await CheckedUpload.CheckAsync(blob, 4096, 1 << 20, CancellationToken.None);

        // Same size, other bytes: the size check alone would pass it.
        await blob.UploadAsync(BinaryData.FromBytes(Bytes(4096, 0x22)), overwrite: true);

        var path = Path.Combine(_dir, "replaced");
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => CheckedUpload.DownloadAsync(blob, properties, path, CancellationToken.None));
        Assert.Equal(412, refused.Status);
        Assert.False(File.Exists(path) && (await File.ReadAllBytesAsync(path)).Contains((byte)0x22), "no byte of the replacement may be read");
    }

    [Fact]
    public async Task A_file_grown_after_commit_is_refused_before_download()
    {
        var blob = await UploadAsync(Bytes(4096, 0x11));
        await blob.UploadAsync(BinaryData.FromBytes(Bytes(8192, 0x22)), overwrite: true);

        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => CheckedUpload.CheckAsync(blob, 4096, 1 << 20, CancellationToken.None));
        Assert.Equal(RejectionReasons.Corrupt, refused.Reason);
    }

    [Fact]
    public async Task An_append_blob_of_the_declared_size_is_refused()
    {
        var append = _container.GetAppendBlobClient(Guid.NewGuid().ToString("N"));
        await append.CreateAsync();
        await append.AppendBlockAsync(new MemoryStream(Bytes(4096, 0x11)));

        var refused = await Assert.ThrowsAsync<MediaRejectedException>(
            () => CheckedUpload.CheckAsync(_container.GetBlobClient(append.Name), 4096, 1 << 20, CancellationToken.None));
        Assert.Equal(RejectionReasons.Corrupt, refused.Reason);
    }

    [Fact]
    public async Task An_upload_over_the_campaign_limit_is_too_large()
    {
        var blob = await UploadAsync(Bytes(4096, 0x11));

        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => CheckedUpload.CheckAsync(blob, 4096, 4095, CancellationToken.None));
        Assert.Equal(RejectionReasons.TooLarge, refused.Reason);
    }

    [Fact]
    public async Task A_missing_upload_is_refused_as_incomplete()
    {
        var refused = await Assert.ThrowsAsync<MediaRejectedException>(
            () => CheckedUpload.CheckAsync(_container.GetBlobClient("never-uploaded"), 4096, 1 << 20, CancellationToken.None));
        Assert.Equal(RejectionReasons.Corrupt, refused.Reason);
    }
}
