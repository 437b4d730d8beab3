using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Api;

/// <summary>The contributor's receipt: progress with the token, nothing without it, and withdrawal.</summary>
[Collection(StackCollection.Name)]
public class ReceiptApiTests(StackFixture stack)
{
    private readonly HttpClient _http = stack.CreateClient();

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetReceipt(string id, string? token)
    {
        using var response = await _http.SendAsync(UploadApi.Receipt(HttpMethod.Get, id, token));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task The_receipt_shows_issued_then_uploaded_once_the_blob_is_committed()
    {
        var ticket = await UploadApi.IssueAsync(_http);

        var before = await GetReceipt(ticket.SubmissionId, ticket.ReceiptToken);
        await new BlobClient(ticket.UploadUrl).UploadAsync(new BinaryData(new byte[64]));
        var after = await GetReceipt(ticket.SubmissionId, ticket.ReceiptToken);

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal("Issued", before.Body.GetProperty("status").GetString());
        Assert.Equal("Uploaded", after.Body.GetProperty("status").GetString());
        Assert.Equal(ticket.SubmissionId, after.Body.GetProperty("submissionId").GetString());
    }

    [Fact]
    public async Task A_wrong_or_missing_token_looks_exactly_like_an_unknown_submission()
    {
        var ticket = await UploadApi.IssueAsync(_http);
        var other = await UploadApi.IssueAsync(_http);

        var wrong = await GetReceipt(ticket.SubmissionId, other.ReceiptToken);
        var missing = await GetReceipt(ticket.SubmissionId, null);
        var unknown = await GetReceipt("abcdefghijkmnpqrstuv", ticket.ReceiptToken);
        var malformed = await GetReceipt("..%2F..%2Fetc", ticket.ReceiptToken);

        Assert.All([wrong, missing, unknown, malformed], r => Assert.Equal(HttpStatusCode.NotFound, r.Status));
        Assert.Equal(unknown.Body.ToString(), wrong.Body.ToString());
        Assert.Equal(unknown.Body.ToString(), missing.Body.ToString());
    }

    [Fact]
    public async Task Withdrawal_deletes_the_upload_and_derived_media_and_erases_what_was_typed()
    {
        var ticket = await UploadApi.IssueAsync(_http);
        await new BlobClient(ticket.UploadUrl).UploadAsync(new BinaryData(new byte[64]));
        var media = stack.Blobs.GetBlobContainerClient("media");
        await media.GetBlobClient($"{UploadApi.Campaign}/{ticket.SubmissionId}/thumb.jpg").UploadAsync(new BinaryData(new byte[8]));
        await media.GetBlobClient($"{UploadApi.Campaign}/{ticket.SubmissionId}/clip.mp4").UploadAsync(new BinaryData(new byte[8]));
        var neighbour = await UploadApi.IssueAsync(_http);
        await new BlobClient(neighbour.UploadUrl).UploadAsync(new BinaryData(new byte[64]));

        using var withdraw = await _http.SendAsync(UploadApi.Receipt(HttpMethod.Delete, ticket.SubmissionId, ticket.ReceiptToken));

        Assert.Equal(HttpStatusCode.NoContent, withdraw.StatusCode);
        Assert.False(await stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{UploadApi.Campaign}/{ticket.SubmissionId}").ExistsAsync());
        Assert.Empty(await media.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{UploadApi.Campaign}/{ticket.SubmissionId}/", CancellationToken.None).ToListAsync());
        Assert.True(await stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{UploadApi.Campaign}/{neighbour.SubmissionId}").ExistsAsync());

        var row = (await stack.Tables.GetTableClient("Submissions").GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal("Withdrawn", row.GetString("Status"));
        Assert.Equal("", row.GetString("City"));
        Assert.Equal("", row.GetString("Caption"));
        Assert.Null(row.GetString("DisplayName"));
        Assert.NotNull(row.GetDateTimeOffset("WithdrawnAt"));
        Assert.Equal(1, row.GetInt32("ConsentVersion"));

        var receipt = await GetReceipt(ticket.SubmissionId, ticket.ReceiptToken);
        Assert.Equal("Withdrawn", receipt.Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Withdrawing_twice_is_fine_and_a_wrong_token_withdraws_nothing()
    {
        var ticket = await UploadApi.IssueAsync(_http);
        var other = await UploadApi.IssueAsync(_http);

        using var wrong = await _http.SendAsync(UploadApi.Receipt(HttpMethod.Delete, ticket.SubmissionId, other.ReceiptToken));
        using var first = await _http.SendAsync(UploadApi.Receipt(HttpMethod.Delete, ticket.SubmissionId, ticket.ReceiptToken));
        using var second = await _http.SendAsync(UploadApi.Receipt(HttpMethod.Delete, ticket.SubmissionId, ticket.ReceiptToken));

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal("Issued", (await GetReceipt(other.SubmissionId, other.ReceiptToken)).Body.GetProperty("status").GetString());
    }
}

[Collection(ShortSasCollection.Name)]
public class ReceiptExpiryTests(ShortSasStackFixture stack)
{
    [Fact]
    public async Task An_upload_that_never_came_shows_expired_after_its_link_and_a_grace_period()
    {
        using var http = stack.CreateClient();
        var ticket = await UploadApi.IssueAsync(http);
        // Move the row's expiry into the past rather than wait out the grace period.
        var table = stack.Tables.GetTableClient("Submissions");
        var row = (await table.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        row["UploadExpiresAt"] = DateTimeOffset.UtcNow.AddMinutes(-10);
        await table.UpdateEntityAsync(row, row.ETag);

        using var response = await http.SendAsync(UploadApi.Receipt(HttpMethod.Get, ticket.SubmissionId, ticket.ReceiptToken));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Expired", json.GetProperty("status").GetString());
        Assert.Equal("Expired", (await table.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value.GetString("Status"));
    }
}
