using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Currency;

/// <summary>Shows a USD listing in EUR (docs/dealers.md#tropicalwatch); its id stays the one of the USD amount.</summary>
public static class UsdToEurConverter
{
    public static void Convert(Listing listing, decimal usdToEur)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (listing.Currency != "USD" || listing.Price is not { } usd || usd == 0m)
        {
            return;
        }

        listing.OriginalPrice = usd;
        listing.Price = usd * usdToEur;
        listing.Currency = "EUR";
        listing.PriceDisplay = PriceDisplay.Format(listing.Price, listing.Currency);
    }
}
