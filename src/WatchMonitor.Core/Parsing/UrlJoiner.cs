using System.Text;

namespace WatchMonitor.Parsing;

/// <summary>
/// RFC 3986 link resolution on strings (docs/parsing-rules.md#url-joining). System.Uri would escape or unescape
/// characters, and the joined URL feeds composite ids, so every character of the href is kept.
/// </summary>
public static class UrlJoiner
{
    /// <summary>("https://a.de/x/y", "/p?q=1") → "https://a.de/p?q=1"; an absolute href is returned unchanged.</summary>
    public static string Join(string baseUrl, string? href)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        href = StripLikeUrlParsers(href);
        if (string.IsNullOrEmpty(href))
        {
            return baseUrl;
        }

        if (HasScheme(href))
        {
            return href;
        }

        var (scheme, authority, path, query) = Split(baseUrl);
        if (href.StartsWith("//", StringComparison.Ordinal))
        {
            return scheme + ":" + href;
        }

        var prefix = scheme.Length > 0 ? scheme + "://" + authority : authority;
        if (href[0] == '/')
        {
            return prefix + RemoveDotSegments(SplitPathAndRest(href, out var rest)) + rest;
        }

        if (href[0] == '?')
        {
            return prefix + path + href;
        }

        if (href[0] == '#')
        {
            return prefix + path + query + href;
        }

        var directory = path.Length == 0 ? "/" : path[..(path.LastIndexOf('/') + 1)];
        var merged = directory + SplitPathAndRest(href, out var tail);
        return prefix + RemoveDotSegments(merged) + tail;
    }

    /// <summary>Joins only when the href does not start with "http", as the Python monitor did for Rüschenbeck.</summary>
    public static string JoinUnlessHttp(string baseUrl, string href) =>
        href.StartsWith("http", StringComparison.Ordinal) ? href : Join(baseUrl, href);

    // Browsers (WHATWG) and Python's urlsplit since 3.11.4 drop surrounding spaces/control characters and any tab or
    // newline inside an href: "\n /watches/x " → "/watches/x". Every other character is kept as written.
    private static string? StripLikeUrlParsers(string? href)
    {
        if (href is null)
        {
            return null;
        }

        var trimmed = href.Trim(ControlOrSpace);
        return trimmed.AsSpan().IndexOfAny('\t', '\n', '\r') < 0
            ? trimmed
            : trimmed.Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
    }

    private static readonly char[] ControlOrSpace = [.. Enumerable.Range(0, 0x21).Select(code => (char)code)];

    private static bool HasScheme(string href)
    {
        var colon = href.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(href[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = href[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    // A segment that is exactly "." or "..": "/a/./b", "/a/..", not "/media/1.jpg". Without one, the path stays as is.
    private static bool HasDotSegment(string path)
    {
        foreach (var range in path.AsSpan().Split('/'))
        {
            if (path.AsSpan(range) is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    private static (string Scheme, string Authority, string Path, string Query) Split(string url)
    {
        var fragment = url.IndexOf('#', StringComparison.Ordinal);
        var withoutFragment = fragment < 0 ? url : url[..fragment];
        var scheme = "";
        var rest = withoutFragment;
        if (HasScheme(withoutFragment))
        {
            var colon = withoutFragment.IndexOf(':', StringComparison.Ordinal);
            scheme = withoutFragment[..colon];
            rest = withoutFragment[(colon + 1)..];
        }

        var authority = "";
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var end = rest.IndexOfAny(['/', '?'], 2);
            authority = end < 0 ? rest[2..] : rest[2..end];
            rest = end < 0 ? "" : rest[end..];
        }

        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        return queryStart < 0
            ? (scheme, authority, rest, "")
            : (scheme, authority, rest[..queryStart], rest[queryStart..]);
    }

    private static string SplitPathAndRest(string reference, out string rest)
    {
        var end = reference.IndexOfAny(['?', '#']);
        rest = end < 0 ? "" : reference[end..];
        return end < 0 ? reference : reference[..end];
    }

    private static string RemoveDotSegments(string path)
    {
        if (!HasDotSegment(path))
        {
            return path;
        }

        var segments = path.Split('/');
        var output = new List<string>(segments.Length);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment == ".")
            {
                if (last)
                {
                    output.Add("");
                }
            }
            else if (segment == "..")
            {
                if (output.Count > 1)
                {
                    output.RemoveAt(output.Count - 1);
                }

                if (last)
                {
                    output.Add("");
                }
            }
            else
            {
                output.Add(segment);
            }
        }

        var builder = new StringBuilder();
        for (var i = 0; i < output.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('/');
            }

            builder.Append(output[i]);
        }

        return builder.ToString();
    }
}
