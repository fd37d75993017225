namespace WatchMonitor.Configuration;

/// <summary>
/// Reads a <c>.env</c> file as the Python reference's python-dotenv did: KEY=VALUE lines, <c>#</c> comments,
/// optional <c>export</c>, single or double quotes. No variable expansion.
/// </summary>
public static class DotEnvFile
{
    /// <summary>The file's pairs with <c>__</c> mapped to <c>:</c>, like environment variables.</summary>
    /// <exception cref="FormatException">A line is not KEY=VALUE; the message names the line.</exception>
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 0;
        foreach (var rawLine in File.ReadLines(path))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"{path} line {lineNumber} is not KEY=VALUE: '{Shorten(line)}'. Fix or comment out that line.");
            }

            var key = line[..equals].Trim();
            values[key.Replace("__", ":", StringComparison.Ordinal)] = Unquote(line[(equals + 1)..].Trim());
        }

        return values;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            return value[1..^1];
        }

        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 ? value[..comment].TrimEnd() : value;
    }

    // Never echo a whole line: it may hold a webhook URL.
    private static string Shorten(string line) => line.Length <= 12 ? line : line[..12] + "…";
}
