using AngleSharp.Dom;

namespace WatchMonitor.Sites.JuwelierExchange;

internal static class ProductImage
{
    private static readonly string[] Preferences = ["1920x1920.webp", "800x800.webp", "400x400.webp", ".webp"];

    public static string? Source(IElement? image)
    {
        if (image is null)
        {
            return null;
        }

        // Lazy-loading themes park the real set in data-srcset until the image scrolls into view.
        var srcset = NonBlank(image.GetAttribute("srcset")) ?? NonBlank(image.GetAttribute("data-srcset"));
        return (srcset is null ? null : FromSrcset(srcset)) ?? Src(image);
    }

    // "a_400x400.webp 400w, a_1920x1920.webp 1920w" → "a_1920x1920.webp".
    public static string? FromSrcset(string srcset)
    {
        var candidates = srcset.Split(',')
            .Select(entry => entry.Trim())
            .Select(entry => entry.Split(' ', 2)[0])
            .Where(url => url.Length > 0)
            .ToList();
        foreach (var preference in Preferences)
        {
            var match = candidates.Find(url => url.Contains(preference, StringComparison.Ordinal));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    private static string? Src(IElement image)
    {
        var src = NonBlank(image.GetAttribute("src"));
        // A lazy-load placeholder (data:image/gif;base64,…) is not an image a Discord embed can show.
        return src is null || src.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            ? NonBlank(image.GetAttribute("data-src"))
            : src;
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
