using System.Text;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.Tests.Queue;

public class QueueKeysTests
{
    private static readonly string[] Hostile =
    [
        "review:minnesota-solidarity/01HZX",
        "a/b\\c#d?e%f",
        "%2F%5C%23%3F",
        "../../etc/passwd",
        "' or 1 eq 1 or '",
        "PartitionKey eq 'x'",
        "тест-ключ",
        "mañana-été",
        "🚀 rocket ✊🏽",
        "日本語のキー",
        new string('x', QueueKeys.MaxIdempotencyKeyLength),
    ];

    public static TheoryData<string> HostileKeys => new(Hostile);

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public void Any_key_maps_to_64_lowercase_hex_digits(string key)
    {
        var rowKey = QueueKeys.RowKeyFor(key);

        Assert.Equal(64, rowKey.Length);
        Assert.All(rowKey, c => Assert.True(c is (>= '0' and <= '9') or (>= 'a' and <= 'f'), $"'{c}' is not lowercase hex"));
        Assert.DoesNotContain(rowKey, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Fact]
    public void The_row_key_is_the_sha256_of_the_utf8_bytes()
    {
        // FIPS 180-2 test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", QueueKeys.RowKeyFor("abc"));
        Assert.Equal(QueueKeys.RowKeyFor("é"), QueueKeys.RowKeyFor("\u00e9"));
    }

    [Fact]
    public void Distinct_keys_get_distinct_row_keys_and_the_same_key_always_the_same_one()
    {
        var keys = Hostile.ToList();
        keys.AddRange(["a", "A", "a ", " a", "a/b", "a\\b", "a%2Fb"]);

        Assert.Equal(keys.Count, keys.Select(QueueKeys.RowKeyFor).Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.Equal(QueueKeys.RowKeyFor(k), QueueKeys.RowKeyFor(new string(k.AsSpan()))));
    }

    [Fact]
    public void Keys_are_compared_byte_for_byte_without_unicode_normalisation()
    {
        var composed = "caf\u00e9";
        var decomposed = "cafe\u0301";
        Assert.Equal(composed, decomposed.Normalize(NormalizationForm.FormC));

        Assert.NotEqual(QueueKeys.RowKeyFor(composed), QueueKeys.RowKeyFor(decomposed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("nul\0byte")]
    [InlineData("del\u007fchar")]
    public void Unusable_keys_are_refused(string key)
    {
        Assert.False(QueueKeys.IsValidIdempotencyKey(key));
        Assert.Throws<ArgumentException>(() => QueueKeys.RowKeyFor(key));
    }

    [Fact]
    public void Keys_with_lone_surrogates_are_refused_rather_than_hashed_like_U_FFFD()
    {
        // Built in code: attribute arguments cannot carry lone surrogates (metadata stores them as UTF-8).
        string[] broken = ["lone \ud800 high", "lone \udc00 low", "reversed \udc00\ud800 pair", "ends with high \ud83d"];

        Assert.All(broken, key =>
        {
            Assert.False(QueueKeys.IsValidIdempotencyKey(key));
            Assert.Throws<ArgumentException>(() => QueueKeys.RowKeyFor(key));
        });
        Assert.True(QueueKeys.IsValidIdempotencyKey("pair \ud83d\ude80 ok"));
    }

    [Fact]
    public void A_key_longer_than_the_limit_is_refused()
    {
        Assert.Throws<ArgumentException>(() => QueueKeys.RowKeyFor(new string('x', QueueKeys.MaxIdempotencyKeyLength + 1)));
        Assert.Throws<ArgumentException>(() => QueueKeys.RowKeyFor(null!));
    }

    [Theory]
    [InlineData("review")]
    [InlineData("render")]
    [InlineData("assembly")]
    [InlineData("q1")]
    [InlineData("a")]
    [InlineData("a-b-c")]
    public void Plain_queue_names_are_accepted(string queue)
    {
        Assert.True(QueueKeys.IsValidQueueName(queue));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Review")]
    [InlineData("-review")]
    [InlineData("review-")]
    [InlineData("re view")]
    [InlineData("re/view")]
    [InlineData("re\\view")]
    [InlineData("re#view")]
    [InlineData("re?view")]
    [InlineData("re'view")]
    [InlineData("révision")]
    [InlineData("review\n")]
    public void Queue_names_that_are_not_plain_are_refused(string? queue)
    {
        Assert.False(QueueKeys.IsValidQueueName(queue));
    }

    [Fact]
    public void Queue_names_are_at_most_80_characters_so_a_review_queue_of_a_64_character_campaign_fits()
    {
        Assert.Equal(80, QueueKeys.MaxQueueNameLength);
        Assert.True(QueueKeys.IsValidQueueName(new string('q', 80)));
        Assert.True(QueueKeys.IsValidQueueName("review-" + new string('c', 64)));
        Assert.False(QueueKeys.IsValidQueueName(new string('q', 81)));
        var error = Assert.Throws<ArgumentException>(() => QueueKeys.ThrowIfInvalidQueueName(new string('q', 81)));
        Assert.Contains("1 to 80 characters", error.Message, StringComparison.Ordinal);
    }
}
