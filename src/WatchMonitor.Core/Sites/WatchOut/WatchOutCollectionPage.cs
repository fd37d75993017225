using AngleSharp.Dom;
using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Sites.WatchOut;

internal static class WatchOutCollectionPage
{
    public static ListingPage Parse(IDocument document, string baseUrl, Func<string, Listing> newListing)
    {
        var products = WatchOutAnalytics.Products(document);
        // Impact theme cards: <product-card handle="rolex-submariner-date-116610ln" class="product-card">.
        var cards = document.QuerySelectorAll("product-card");
        var collector = new ListingCollector();
        for (var i = 0; i < cards.Length; i++)
        {
            // The i-th card pairs with the i-th analytics product (sold-out and link-less cards keep their index).
            var index = i;
            collector.Parse(cards[i], element =>
            {
                var card = ProductCard.Read(element, baseUrl);
                if (card.IsSoldOut || card.Url is null)
                {
                    return null;
                }

                var product = index < products.Count && products[index] is { } candidate && card.Matches(candidate) ? candidate : null;
                return CreateListing(card, card.Url, product, newListing);
            }, element => element.GetAttribute("handle"));
        }

        return collector.ToPage();
    }

    private static Listing CreateListing(ProductCard card, string url, AnalyticsProduct? product, Func<string, Listing> newListing)
    {
        var listing = newListing(url);
        var vendor = product?.Vendor ?? card.Brand;
        listing.Title = product?.DisplayTitle ?? card.Title ?? Listing.UnknownTitle;
        // Derived as on the JSON path, so a watch keeps its id when the feed fails (the Python monitor's is the legacy id).
        (listing.Brand, listing.Model) = WatchOutNaming.BrandAndModel(
            RecordCleaner.Clean(vendor), RecordCleaner.Clean(product?.ProductTitle ?? card.Title));
        listing.Reference = product?.Sku ?? card.Badge;
        listing.Price = product?.Price ?? PriceParser.Parse(card.PriceText);
        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);
        listing.ImageUrl = card.ImageUrl;
        var referencePrice = product?.Price ?? PriceParser.ParseAsReference(card.PriceText);
        listing.AssignIdentity(new CompositeIdInputs(vendor, null, listing.Reference, referencePrice, null, null, listing.Title, url));
        return listing;
    }
}
