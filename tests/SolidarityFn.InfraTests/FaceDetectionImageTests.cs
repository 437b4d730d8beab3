using System.Text;
using System.Text.RegularExpressions;

namespace SolidarityFn.InfraTests;

/// <summary>
/// The container image (deploy/Dockerfile) must carry every library libOpenCvSharpExtern.so needs, or face detection
/// fails to load on Azure (deploy/verify-face-detector.sh shows the stock root failing). The NEEDED entries are read
/// from the library this build ships, so an OpenCvSharp upgrade that links something new fails here, not on Azure.
/// </summary>
public sealed partial class FaceDetectionImageTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot(), "deploy");

    [Fact]
    public void The_map_names_a_package_for_exactly_the_libraries_the_shipped_OpenCV_library_needs()
    {
        var needed = ElfNeeded.Read(NativeLibrary());
        Assert.Contains("libgtk-3.so.0", needed); // the reason for all this: the official runtime links highgui's GTK 3

        var mapped = Map().Keys.ToHashSet(StringComparer.Ordinal);
        Assert.Empty(needed.Except(mapped));  // needed, but no package named: the image would miss it
        Assert.Empty(mapped.Except(needed));  // mapped, no longer needed: the map is stale
    }

    [Fact]
    public void Every_mapped_package_is_installed_by_the_Dockerfile_or_comes_with_the_base_image()
    {
        var provided = DockerfilePackages().Concat(BasePackages()).ToHashSet(StringComparer.Ordinal);
        var missing = Map().Where(m => !provided.Contains(m.Value)).Select(m => $"{m.Key} ({m.Value})");
        Assert.Empty(missing);
    }

    [Fact]
    public void The_Dockerfile_installs_only_packages_the_library_needs()
    {
        var packages = DockerfilePackages();
        Assert.NotEmpty(packages);
        var needed = Map().Values.ToHashSet(StringComparer.Ordinal);
        Assert.Empty(packages.Except(needed));
    }

    [Fact]
    public void The_stock_packages_are_those_of_the_runtime_deps_image_the_Dockerfile_starts_from()
    {
        // verify-face-detector.sh builds its "stock" root from the base line and its suite from BASE_IMAGE: if the
        // base image moves to another Debian, both must move with it (package names differ: libssl3t64 is trixie's).
        Assert.Matches(BaseImageRegex(), File.ReadAllText(Path.Combine(Deploy, "Dockerfile")));
        Assert.Equal(["ca-certificates", "libc6", "libgcc-s1", "libicu76", "libssl3t64", "libstdc++6", "tzdata"], BasePackages());
    }

    /// <summary>The package lines between the Dockerfile's markers, parsed as deploy/verify-face-detector.sh does.</summary>
    private static List<string> DockerfilePackages()
    {
        var lines = File.ReadAllLines(Path.Combine(Deploy, "Dockerfile"));
        var begin = Array.IndexOf(lines, "# face-detection packages: begin");
        var end = Array.IndexOf(lines, "# face-detection packages: end");
        Assert.True(begin >= 0 && end > begin, "The Dockerfile's face-detection markers are missing.");
        return lines[(begin + 1)..end]
            .Select(l => PackageLineRegex().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();
    }

    private static List<string> BasePackages() =>
        File.ReadLines(Path.Combine(Deploy, "opencv-needed.txt"))
            .Single(l => l.StartsWith("base: ", StringComparison.Ordinal))["base: ".Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToList();

    private static Dictionary<string, string> Map() =>
        File.ReadLines(Path.Combine(Deploy, "opencv-needed.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("base: ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>The library as this build copies it (from OpenCvSharp4.official.runtime.linux-x64, via the Pipeline reference).</summary>
    private static string NativeLibrary()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libOpenCvSharpExtern.so");
        Assert.True(File.Exists(path), "The native OpenCV library is not in the build output: " + path);
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SolidarityFn.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SolidarityFn.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^ {8}([a-z0-9][a-z0-9.+-]*) \\$")]
    private static partial Regex PackageLineRegex();

    [GeneratedRegex(@"(?m)^ARG BASE_IMAGE=mcr\.microsoft\.com/dotnet/aspnet:10\.0-trixie-slim$")]
    private static partial Regex BaseImageRegex();
}

/// <summary>
/// The DT_NEEDED entries of a 64-bit little-endian ELF shared library, read from its .dynamic section (what
/// <c>readelf -d</c> prints), so the test needs no binutils.
/// </summary>
internal static class ElfNeeded
{
    private const uint SectionDynamic = 6;
    private const long TagNeeded = 1;

    public static HashSet<string> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var ident = reader.ReadBytes(16);
        Assert.True(ident[0] == 0x7f && ident[1] == 'E' && ident[2] == 'L' && ident[3] == 'F', "Not an ELF file: " + path);
        Assert.True(ident[4] == 2 && ident[5] == 1, "Only 64-bit little-endian ELF is read: " + path);

        stream.Position = 0x28;
        var sectionTable = reader.ReadInt64();
        stream.Position = 0x3A;
        var sectionSize = reader.ReadUInt16();
        var sectionCount = reader.ReadUInt16();

        var sections = new List<(uint Type, long Offset, long Size, uint Link)>();
        for (var i = 0; i < sectionCount; i++)
        {
            stream.Position = sectionTable + ((long)i * sectionSize);
            reader.ReadUInt32(); // name
            var type = reader.ReadUInt32();
            reader.ReadUInt64(); // flags
            reader.ReadUInt64(); // address
            var offset = reader.ReadInt64();
            var size = reader.ReadInt64();
            var link = reader.ReadUInt32();
            sections.Add((type, offset, size, link));
        }

        var dynamic = sections.Single(s => s.Type == SectionDynamic);
        var strings = sections[(int)dynamic.Link];
        var needed = new HashSet<string>(StringComparer.Ordinal);
        for (long at = dynamic.Offset; at < dynamic.Offset + dynamic.Size; at += 16)
        {
            stream.Position = at;
            var tag = reader.ReadInt64();
            var value = reader.ReadInt64();
            if (tag == 0)
            {
                break;
            }

            if (tag == TagNeeded)
            {
                needed.Add(ReadString(stream, strings.Offset + value));
            }
        }

        return needed;
    }

    private static string ReadString(Stream stream, long offset)
    {
        stream.Position = offset;
        var bytes = new List<byte>();
        for (var b = stream.ReadByte(); b > 0; b = stream.ReadByte())
        {
            bytes.Add((byte)b);
        }

        return Encoding.ASCII.GetString([.. bytes]);
    }
}
