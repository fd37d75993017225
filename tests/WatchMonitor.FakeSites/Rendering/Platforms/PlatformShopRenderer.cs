using System.Globalization;
using WatchMonitor.Demo.Listings;
using WatchMonitor.Demo.Rendering;

namespace WatchMonitor.FakeSites.Rendering.Platforms;

/// <summary>
/// A fake shop that is not built into the monitor: it is added through configuration alone, on a platform
/// (<c>Sites:&lt;key&gt;:Platform</c>). Each such shop varies its listings the same way: every fourth has no
/// picture, a null price is "price on request", a list price makes a sale, a sold one is marked as such.
/// </summary>
public abstract class PlatformShopRenderer : SiteRenderer
{
    /// <summary>The monitor's platform name: shopify, woocommerce, shopware or selectors.</summary>
    public abstract string Platform { get; }

    /// <summary>The shop's display name.</summary>
    public abstract string Name { get; }

    /// <summary>Selector settings (name → CSS) for a selectors shop; empty otherwise.</summary>
    public virtual IReadOnlyDictionary<string, string> Selectors { get; } = new Dictionary<string, string>();

    /// <summary>Whether the listing's card shows a picture.</summary>
    public static bool HasImage(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing.Id % 4 != 0;
    }

    /// <summary>"rolex-submariner-date-116610ln-17".</summary>
    public static string Handle(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing.Slug + "-" + listing.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"Rolex Submariner Date 116610LN".</summary>
    public static string ProductName(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return $"{listing.Brand} {listing.Model} {listing.Reference}";
    }

    /// <summary>The specification as "Label: value" lines, in German as the shops write it.</summary>
    public static IEnumerable<(string Label, string Value)> Specification(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new[]
        {
            ("Referenz", listing.Reference),
            ("Baujahr", Text(listing.Year)),
            ("Gehäusematerial", ListingTexts.MaterialGerman(listing.CaseMaterial)),
            ("Durchmesser", ListingTexts.Diameter(listing.DiameterMm, german: true)),
            ("Zustand", ListingTexts.ConditionGerman(listing.Condition)),
            ("Lieferumfang", ListingTexts.BoxPapersGerman(listing.BoxPapers)),
        }.Where(row => row.Item2.Length > 0);
    }

    public override ExpectedDetails ExpectDetails(FakeListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new()
        {
            Brand = listing.Brand,
            Reference = listing.Reference,
            Year = Text(listing.Year),
            CaseMaterial = ListingTexts.MaterialGerman(listing.CaseMaterial),
            Diameter = ListingTexts.Diameter(listing.DiameterMm, german: false, space: false),
        };
    }

    protected static string ImageUrl(FakeListing listing, SiteAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Absolute(ImagePath(listing));
    }
}
