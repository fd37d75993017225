using AngleSharp.Dom;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.WatchOut;

// Read into a record at once, so no DOM node outlives the parse.
internal sealed record ProductCard(
    bool IsSoldOut,
    string? Handle,
    string? Url,
    string? Title,
    string? Brand,
    string? PriceText,
    string? Badge,
    string? ImageUrl)
{
    public static ProductCard Read(IElement card, string baseUrl)
    {
        var handle = NonEmpty(card.GetAttribute("handle")?.Trim());
        return new ProductCard(
            // <sold-out-badge class="badge">Ausverkauft</sold-out-badge> (or a class of that name)
            card.QuerySelector("sold-out-badge, .sold-out-badge") is not null,
            handle,
            ProductUrl(card, handle, baseUrl),
            // <span class="product-card__title"><a href="/products/…" class="bold">Rolex Submariner</a></span>
            ElementText.OrNull(card.QuerySelector(".product-card__title a.bold")),
            // <div class="product-card__info"><a href="/collections/vendors?q=Rolex" class="text-xs link-faded">Rolex</a>
            ElementText.OrNull(card.QuerySelector(".product-card__info a.text-xs.link-faded")),
            // <sale-price class="text-subdued"><span class="sr-only">Angebot</span>€12.500,00</sale-price>
            ElementText.OrNull(card.QuerySelector("sale-price")),
            // <div class="product-card__badge-list"><span class="badge badge--primary">116610LN</span></div>
            ElementText.OrNull(card.QuerySelector(".product-card__badge-list span.badge--primary")),
            // <img class="product-card__image product-card__image--primary" srcset="//…?width=400 400w, //…?width=800 800w">
            ImageUrlOf(card.QuerySelector("img.product-card__image"), baseUrl));
    }

    public bool Matches(AnalyticsProduct product)
    {
        var productUrl = product.Url ?? "";
        if (Handle is not null && productUrl.Contains(Handle, StringComparison.Ordinal))
        {
            return true;
        }

        if (Title is null)
        {
            return productUrl.Length == 0;
        }

        var productTitle = RecordCleaner.CollapseWhitespace(product.ProductTitle ?? "");
        return productTitle.Contains(RecordCleaner.CollapseWhitespace(Title), StringComparison.OrdinalIgnoreCase);
    }

    private static string? ProductUrl(IElement card, string? handle, string baseUrl)
    {
        if (handle is not null)
        {
            return baseUrl.TrimEnd('/') + "/products/" + handle;
        }

        // <a href="/collections/neu-eingetroffen/products/omega-speedmaster" class="product-card__media">
        var href = card.QuerySelector("a[href*=\"/products/\"]")?.GetAttribute("href")?.Trim();
        return string.IsNullOrEmpty(href) ? null : UrlJoiner.Join(baseUrl, href);
    }

    private static string? ImageUrlOf(IElement? image, string baseUrl)
    {
        if (image is null)
        {
            return null;
        }

        var url = LastSrcsetEntry(image.GetAttribute("srcset"))
            ?? LastSrcsetEntry(image.GetAttribute("data-srcset"))
            ?? NonPlaceholder(image.GetAttribute("src"))
            ?? NonPlaceholder(image.GetAttribute("data-src"));
        return url is null ? null : UrlJoiner.Join(baseUrl, url);
    }

    private static string? LastSrcsetEntry(string? srcset)
    {
        var entries = srcset?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries is not { Length: > 0 })
        {
            return null;
        }

        return NonPlaceholder(entries[^1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0]);
    }

    private static string? NonPlaceholder(string? url)
    {
        var trimmed = url?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? null : trimmed;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
