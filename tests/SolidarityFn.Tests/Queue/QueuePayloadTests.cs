using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.Tests.Queue;

public class QueuePayloadTests
{
    private static string JsonStringOfBytes(int totalBytes, string filler = "x")
    {
        // "…" quotes take 2 bytes; filler must be ASCII for an exact count unless the caller says otherwise.
        return "\"" + string.Concat(Enumerable.Repeat(filler, totalBytes - 2)) + "\"";
    }

    [Fact]
    public void A_payload_of_exactly_the_limit_is_accepted_and_one_byte_more_is_refused()
    {
        Assert.Null(QueuePayload.Problem(JsonStringOfBytes(QueuePayload.MaxBytes)));
        Assert.NotNull(QueuePayload.Problem(JsonStringOfBytes(QueuePayload.MaxBytes + 1)));
        Assert.Throws<ArgumentException>(() => QueuePayload.ThrowIfInvalid(JsonStringOfBytes(QueuePayload.MaxBytes + 1)));
    }

    [Fact]
    public void The_limit_counts_utf8_bytes_not_characters()
    {
        // 'é' is 2 UTF-8 bytes, '✊' 3, '🚀' 4 (a surrogate pair): all within the limit in characters, over it in bytes.
        var accents = "\"" + new string('é', (QueuePayload.MaxBytes / 2) - 1) + "x\"";
        var fists = "\"" + new string('✊', QueuePayload.MaxBytes / 3) + "\"";
        var rockets = "\"" + string.Concat(Enumerable.Repeat("🚀", QueuePayload.MaxBytes / 4)) + "\"";

        Assert.True(accents.Length < QueuePayload.MaxBytes);
        Assert.NotNull(QueuePayload.Problem(accents));
        Assert.NotNull(QueuePayload.Problem(fists));
        Assert.NotNull(QueuePayload.Problem(rockets));
        Assert.Null(QueuePayload.Problem("\"" + new string('é', (QueuePayload.MaxBytes / 2) - 1) + "\""));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"campaignId\":\"minnesota-solidarity\",\"submissionId\":\"01HZX\",\"caption\":\"Solidarité ✊\"}")]
    public void Json_payloads_are_accepted(string payload)
    {
        Assert.Null(QueuePayload.Problem(payload));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"a\":")]
    [InlineData("{} {}")]
    public void Empty_broken_or_malformed_payloads_are_refused(string payload)
    {
        Assert.NotNull(QueuePayload.Problem(payload));
    }

    [Fact]
    public void A_payload_with_a_lone_surrogate_is_refused()
    {
        // Built in code: attribute arguments cannot carry lone surrogates.
        Assert.NotNull(QueuePayload.Problem("\"lone \ud800 surrogate\""));
        Assert.Null(QueuePayload.Problem("\"pair \ud83d\ude80\""));
    }

    [Fact]
    public void Serialize_writes_camel_case_json_that_a_lease_reads_back()
    {
        var json = QueuePayload.Serialize(new Sample("minnesota-solidarity", 3));

        Assert.Equal("{\"campaignId\":\"minnesota-solidarity\",\"count\":3}", json);
        var lease = new QueueLease(new QueueRow { PartitionKey = "review", LeaseId = "l", Payload = json, Attempts = 1, MaxAttempts = 5 });
        Assert.Equal(new Sample("minnesota-solidarity", 3), lease.PayloadAs<Sample>());
    }

    private sealed record Sample(string CampaignId, int Count);
}
