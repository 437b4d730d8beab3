using System.Text;

namespace SolidarityFn.Tests.Media;

/// <summary>
/// How .NET on Unix splits <c>ProcessStartInfo.Arguments</c> into argv (Process.Unix ParseArgumentsIntoList): spaces and
/// tabs separate, double quotes group, "" inside quotes is a literal quote, 2n backslashes before a quote give n
/// backslashes and a delimiter, 2n+1 give n backslashes and a literal quote, other backslashes are literal.
/// </summary>
internal static class DotnetArgumentParser
{
    public static List<string> Split(string arguments)
    {
        var results = new List<string>();
        for (var i = 0; i < arguments.Length; i++)
        {
            while (i < arguments.Length && arguments[i] is ' ' or '\t')
            {
                i++;
            }

            if (i == arguments.Length)
            {
                break;
            }

            results.Add(Next(arguments, ref i));
        }

        return results;
    }

    private static string Next(string arguments, ref int i)
    {
        var current = new StringBuilder();
        var inQuotes = false;
        while (i < arguments.Length)
        {
            var backslashes = 0;
            while (i < arguments.Length && arguments[i] == '\\')
            {
                i++;
                backslashes++;
            }

            if (backslashes > 0)
            {
                if (i >= arguments.Length || arguments[i] != '"')
                {
                    current.Append('\\', backslashes);
                }
                else
                {
                    current.Append('\\', backslashes / 2);
                    if (backslashes % 2 != 0)
                    {
                        current.Append('"');
                        i++;
                    }
                }

                continue;
            }

            var c = arguments[i];
            if (c == '"')
            {
                if (inQuotes && i < arguments.Length - 1 && arguments[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = !inQuotes;
                }

                i++;
                continue;
            }

            if (c is ' ' or '\t' && !inQuotes)
            {
                break;
            }

            current.Append(c);
            i++;
        }

        return current.ToString();
    }
}
