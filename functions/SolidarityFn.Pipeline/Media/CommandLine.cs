using System.Text;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// Joins arguments into the single string FFMpegCore hands to <see cref="System.Diagnostics.ProcessStartInfo.Arguments"/>,
/// quoted so that .NET splits it back into exactly the same arguments (the rules of
/// <c>ProcessStartInfo.ArgumentList</c>: whitespace separates, double quotes group, a backslash escapes a double quote
/// and backslashes are literal otherwise). No shell is involved, so $, %, ', ; and the like need no escaping.
/// </summary>
public static class CommandLine
{
    public static string Join(IEnumerable<string> arguments)
    {
        var builder = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            Append(builder, argument);
        }

        return builder.ToString();
    }

    public static string Quote(string argument)
    {
        var builder = new StringBuilder();
        Append(builder, argument);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string argument)
    {
        if (argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"'))
        {
            builder.Append(argument);
            return;
        }

        builder.Append('"');
        var index = 0;
        while (index < argument.Length)
        {
            var c = argument[index++];
            if (c == '\\')
            {
                var backslashes = 1;
                while (index < argument.Length && argument[index] == '\\')
                {
                    index++;
                    backslashes++;
                }

                if (index == argument.Length)
                {
                    // Before the closing quote: double them so the quote stays a delimiter.
                    builder.Append('\\', backslashes * 2);
                }
                else if (argument[index] == '"')
                {
                    // Before a literal quote: double them, then the quote itself is escaped below.
                    builder.Append('\\', (backslashes * 2) + 1);
                    builder.Append('"');
                    index++;
                }
                else
                {
                    builder.Append('\\', backslashes);
                }

                continue;
            }

            if (c == '"')
            {
                builder.Append('\\').Append('"');
                continue;
            }

            builder.Append(c);
        }

        builder.Append('"');
    }
}
