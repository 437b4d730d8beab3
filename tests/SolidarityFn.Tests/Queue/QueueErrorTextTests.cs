using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.Tests.Queue;

public class QueueErrorTextTests
{
    [Fact]
    public void Sas_query_strings_are_removed_from_urls()
    {
        var text = QueueErrorText.Sanitize(
            "GET https://acct.blob.core.windows.net/media/c/s/clip.mp4?sv=2024-11-04&se=2026-01-01&sr=b&sp=r&sig=abc%2Bdef%3D failed");

        Assert.Equal("GET https://acct.blob.core.windows.net/media/c/s/clip.mp4?[redacted] failed", text);
        Assert.DoesNotContain("sig", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcq==;BlobEndpoint=x", "Eby8vdM02xNOcq")]
    [InlineData("auth failed: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "eyJhbGci")]
    [InlineData("bad sig=Zm9vYmFy&se=2026", "Zm9vYmFy")]
    [InlineData("password=hunter2 rejected", "hunter2")]
    [InlineData("SharedAccessSignature=sv=2020&sig=xyz", "xyz")]
    public void Credentials_are_redacted(string raw, string secret)
    {
        var text = QueueErrorText.Sanitize(raw);

        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.Contains("[redacted]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_is_one_line_without_control_characters()
    {
        var text = QueueErrorText.Sanitize("first line\r\n   at Some.Stack.Frame()\n\tat Other()\u0000\u001b[31m");

        Assert.Equal("first line at Some.Stack.Frame() at Other() [31m", text);
        Assert.DoesNotContain(text, char.IsControl);
    }

    [Fact]
    public void The_text_is_bounded_without_splitting_a_surrogate_pair()
    {
        var text = QueueErrorText.Sanitize(new string('x', QueueErrorText.MaxLength - 2) + string.Concat(Enumerable.Repeat("🚀", 100)));

        Assert.True(text.Length <= QueueErrorText.MaxLength);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(text[^2]));
        Assert.Equal(QueueErrorText.MaxLength, QueueErrorText.Sanitize(new string('y', 100_000)).Length);
    }

    [Fact]
    public void An_exception_is_described_by_its_type_and_message_only()
    {
        Exception error;
        try
        {
            throw new InvalidOperationException("ffmpeg exited with 1");
        }
        catch (InvalidOperationException e)
        {
            error = e;
        }

        Assert.Equal("InvalidOperationException: ffmpeg exited with 1", QueueErrorText.Describe(error));
        Assert.Equal("(no detail)", QueueErrorText.Sanitize("  \n "));
    }
}
