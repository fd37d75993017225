using WatchMonitor.Listings;
using WatchMonitor.Parsing;

namespace WatchMonitor.Currency;

/// <summary>Shows a USD listing in EUR (SITES.md §2.3). The composite id was fixed from the USD amount and stays.</summary>
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
