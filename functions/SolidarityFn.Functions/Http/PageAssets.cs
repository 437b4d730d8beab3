using System.Collections.Frozen;
using System.Reflection;

namespace SolidarityFn.Functions.Http;

/// <summary>The static pages and their scripts, embedded in this assembly so both hosts serve identical bytes.</summary>
public sealed class PageAssets
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, Asset> _assets;

    public PageAssets()
    {
        var assembly = typeof(PageAssets).Assembly;
        const string prefix = "wwwroot/";
        _assets = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(
                name => name[prefix.Length..].Replace('\\', '/'),
                name => Load(assembly, name),
                StringComparer.Ordinal);
    }

    /// <summary>An asset by its path under wwwroot ("upload.html", "assets/upload.js"), or null.</summary>
    public Asset? Find(string path) => _assets.GetValueOrDefault(path);

    private static Asset Load(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        return new Asset(copy.ToArray(), type);
    }

    public sealed record Asset(byte[] Content, string ContentType);
}
