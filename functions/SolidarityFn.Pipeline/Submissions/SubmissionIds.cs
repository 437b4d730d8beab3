using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SolidarityFn.Pipeline.Submissions;

/// <summary>Server-chosen, unguessable submission ids (they appear in blob names and receipt URLs).</summary>
public static partial class SubmissionIds
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>20 characters of a 32-letter alphabet: 100 bits.</summary>
    public static string New()
    {
        Span<char> chars = stackalloc char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    public static bool IsValid(string? id) => id is not null && Shape().IsMatch(id);

    [GeneratedRegex("^[a-km-np-z2-9]{20}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
