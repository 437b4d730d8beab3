using Azure.Storage;
using Azure.Storage.Sas;
using SolidarityFn.Pipeline.Security;

namespace SolidarityFn.Tests.Security;

public class UploadSasTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static BlobSasQueryParameters Sign(bool httpsOnly = true)
    {
        var builder = UploadSas.Build("uploads", "camp/sub123", Now, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5), httpsOnly);
        return builder.ToSasQueryParameters(new StorageSharedKeyCredential("acct", Convert.ToBase64String(new byte[32])));
    }

    [Fact]
    public void The_upload_sas_covers_one_blob_only()
    {
        Assert.Equal("b", Sign().Resource);
    }

    [Fact]
    public void The_upload_sas_may_create_and_write_and_nothing_else()
    {
        Assert.Equal("cw", Sign().Permissions);
    }

    [Fact]
    public void The_upload_sas_starts_in_the_past_and_ends_within_15_minutes()
    {
        var sas = Sign();

        Assert.Equal(Now.AddMinutes(-5), sas.StartsOn);
        Assert.Equal(Now.AddMinutes(15), sas.ExpiresOn);
    }

    [Fact]
    public void The_upload_sas_is_https_only_outside_the_emulator()
    {
        Assert.Equal(SasProtocol.Https, Sign(httpsOnly: true).Protocol);
        Assert.Equal(SasProtocol.HttpsAndHttp, Sign(httpsOnly: false).Protocol);
    }

    [Fact]
    public void Read_links_are_read_only_single_blob_and_short_lived()
    {
        var sas = ReadSas.Build("media", "camp/sub/thumb.jpg", Now, httpsOnly: true)
            .ToSasQueryParameters(new StorageSharedKeyCredential("acct", Convert.ToBase64String(new byte[32])));

        Assert.Equal("r", sas.Permissions);
        Assert.Equal("b", sas.Resource);
        Assert.True(sas.ExpiresOn - Now <= TimeSpan.FromMinutes(15));
    }
}
