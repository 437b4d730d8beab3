using System.Globalization;
using System.Text;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The place of the last listed assembly in the list's order (CreatedAt descending, then RowKey), as an opaque
/// base64url token. The next page starts strictly after it.
/// </summary>
public sealed record AssemblyPageToken(long CreatedAtTicks, string RowKey)
{
    public static string After(AssemblyEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = string.Create(CultureInfo.InvariantCulture, $"{row.CreatedAt.UtcTicks}:{row.RowKey}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>null when the token is not one <see cref="After"/> made.</summary>
    public static AssemblyPageToken? Parse(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && AssemblyService.IsAssemblyId(parts[1])
                ? new AssemblyPageToken(ticks, parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="row"/> comes after this place in the list's order.</summary>
    public bool Precedes(AssemblyEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var ticks = row.CreatedAt.UtcTicks;
        return ticks < CreatedAtTicks || (ticks == CreatedAtTicks && string.CompareOrdinal(row.RowKey, RowKey) > 0);
    }
}
