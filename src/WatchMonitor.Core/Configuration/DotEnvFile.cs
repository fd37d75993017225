using System.Globalization;
using System.Text;

namespace WatchMonitor.Configuration;

/// <summary>
/// Reads a <c>.env</c> file the way python-dotenv (the Python version's reader) does, without variable expansion:
/// <c>KEY=value</c> lines, <c>#</c> comments, an optional <c>export</c>, inline comments after unquoted values,
/// single and double quotes, escapes in double quotes and values spanning lines. The rules are in docs/configuration-files.md.
/// The process environment is never touched: the pairs go to the configuration system as one of its sources.
/// </summary>
public static class DotEnvFile
{
    /// <summary>The file's pairs with <c>__</c> mapped to <c>:</c>, like environment variables.</summary>
    /// <exception cref="FormatException">A line is not valid; the message names the file and the line, never a value.</exception>
    public static IReadOnlyDictionary<string, string?> Read(string path) => Parse(File.ReadAllText(path), path);

    /// <inheritdoc cref="Read"/>
    /// <param name="text">The file's content.</param>
    /// <param name="source">The file's name for error messages.</param>
    public static IReadOnlyDictionary<string, string?> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].AsSpan().TrimStart();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export", StringComparison.Ordinal) && line.Length > 6 && char.IsWhiteSpace(line[6]))
            {
                line = line[6..].TrimStart();
            }

            var equals = line.IndexOf('=');
            if (equals < 0)
            {
                throw Error(source, number, $"is not KEY=VALUE: '{Shorten(line.TrimEnd())}'");
            }

            var key = line[..equals].TrimEnd().ToString();
            if (!IsName(key))
            {
                throw Error(source, number, $"has no variable name before '=' ('{Shorten(key)}'; use letters, digits and _)");
            }

            var rest = line[(equals + 1)..];
            var trimmed = rest.TrimStart();
            string value;
            if (trimmed.Length > 0 && trimmed[0] is '"' or '\'')
            {
                var quote = trimmed[0];
                var builder = new StringBuilder();
                var body = trimmed[1..].ToString();
                int end;
                while ((end = ReadQuoted(body, quote, builder)) < 0)
                {
                    if (++i >= lines.Length)
                    {
                        throw Error(source, number, $"opens a {QuoteName(quote)}-quoted value for {key} that is never closed (add the closing {quote})");
                    }

                    builder.Append('\n');
                    body = lines[i];
                }

                var after = body.AsSpan(end).Trim();
                if (!after.IsEmpty && after[0] != '#')
                {
                    throw Error(source, i + 1, $"has text after the closing {quote} of {key}; put a # before a comment or quote the whole value");
                }

                value = builder.ToString();
            }
            else
            {
                value = Unquoted(rest);
            }

            values[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        return values;
    }

    // An unquoted value ends at a "#" after whitespace ("KEY=a # note" → "a"; "KEY=a#b" keeps "a#b"), trimmed.
    private static string Unquoted(ReadOnlySpan<char> rest)
    {
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] == '#' && (i == 0 || char.IsWhiteSpace(rest[i - 1])))
            {
                return rest[..i].Trim().ToString();
            }
        }

        return rest.Trim().ToString();
    }

    /// <summary>Appends the quoted text of <paramref name="body"/>; returns the index after the closing quote, or -1.</summary>
    private static int ReadQuoted(string body, char quote, StringBuilder value)
    {
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == quote)
            {
                return i + 1;
            }

            if (c != '\\' || i + 1 >= body.Length)
            {
                value.Append(c);
                continue;
            }

            var next = body[i + 1];
            if (quote == '\'')
            {
                // Single quotes are literal but for \' and \\, as in python-dotenv.
                value.Append(next is '\'' or '\\' ? next : $"\\{next}");
                i++;
                continue;
            }

            i++;
            switch (next)
            {
                case 'n':
                    value.Append('\n');
                    break;
                case 'r':
                    value.Append('\r');
                    break;
                case 't':
                    value.Append('\t');
                    break;
                case '"' or '\'' or '\\' or '$':
                    value.Append(next);
                    break;
                case 'u' when i + 4 < body.Length
                    && int.TryParse(body.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    i += 4;
                    break;
                default:
                    // An unknown escape stays as written: "C:\path" keeps its backslash.
                    value.Append('\\').Append(next);
                    break;
            }
        }

        return -1;
    }

    private static bool IsName(string key)
    {
        if (key.Length == 0 || char.IsAsciiDigit(key[0]))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    private static string QuoteName(char quote) => quote == '"' ? "double" : "single";

    private static FormatException Error(string source, int line, string problem) =>
        new($"{source} line {line} {problem}. Fix or comment out that line.");

    // Never echo a whole line: it may hold a webhook URL.
    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 12 ? text.ToString() : string.Concat(text[..12], "…");
}
