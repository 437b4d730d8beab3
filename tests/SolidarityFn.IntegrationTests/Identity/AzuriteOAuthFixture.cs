using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Identity;

/// <summary>
/// A private Azurite that accepts bearer tokens (<c>--oauth basic</c>), which it only does over HTTPS: it serves a
/// self-signed certificate for 127.0.0.1 made here, and <see cref="CreateHandler"/> trusts exactly that certificate.
/// </summary>
public sealed class AzuriteOAuthFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "azurite-oauth-" + Guid.NewGuid().ToString("N"));
    private X509Certificate2? _certificate;
    private Process? _process;

    public int BlobPort { get; } = FreePorts.Next();
    public int QueuePort { get; } = FreePorts.Next();
    public int TablePort { get; } = FreePorts.Next();

    public Uri BlobServiceUri => new($"https://127.0.0.1:{BlobPort}/{AzuriteFixture.AccountName}");
    public Uri TableServiceUri => new($"https://127.0.0.1:{TablePort}/{AzuriteFixture.AccountName}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var (certPath, keyPath) = WriteSelfSignedCertificate();
        _process = await AzuriteProcess.StartAsync(
        [
            "--oauth", "basic", "--cert", certPath, "--key", keyPath,
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
        ], BlobPort, TablePort);
    }

    /// <summary>An HTTP handler that accepts this Azurite's certificate and no other (no blanket "accept all").</summary>
    public HttpClientHandler CreateHandler()
    {
        var expected = _certificate ?? throw new InvalidOperationException("The fixture has not started.");
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.RawData.AsSpan().SequenceEqual(expected.RawData),
        };
    }

    public HttpClientTransport CreateTransport() => new(CreateHandler());

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        _process?.Dispose();
        _certificate?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private (string CertPath, string KeyPath) WriteSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));

        var now = DateTimeOffset.UtcNow;
        _certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var certPath = Path.Combine(_folder, "cert.pem");
        var keyPath = Path.Combine(_folder, "key.pem");
        File.WriteAllText(certPath, _certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }
}
