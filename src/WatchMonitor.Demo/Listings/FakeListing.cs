namespace WatchMonitor.Demo.Listings;

/// <summary>
/// One watch a fake dealer lists. Immutable: scenario calls replace the record, so a page rendered from a snapshot
/// never sees a half-applied change. Each site renders these facts in its own words and formats.
/// </summary>
public sealed record FakeListing
{
    /// <summary>Unique within its site for the server's lifetime; part of every detail URL.</summary>
    public required int Id { get; init; }

    public required string Brand { get; init; }

    public required string Model { get; init; }

    public required string Reference { get; init; }

    public int? Year { get; init; }

    /// <summary>In the site's currency (USD for Tropical Watch, EUR elsewhere); null renders "price on request".</summary>
    public decimal? Price { get; init; }

    /// <summary>
    /// The struck-out former price beside a reduced <see cref="Price"/>; only Rüschenbeck's Shopware cards show it
    /// (both prices then sit inside one <c>span.product-price</c>; Python monitor defect 14 in docs/python-monitor.md).
    /// </summary>
    public decimal? ListPrice { get; init; }

    /// <summary>File name of the picture, served under the site's <c>/media/</c> path.</summary>
    public string Image { get; init; } = "";

    public ConditionGrade Condition { get; init; } = ConditionGrade.VeryGood;

    public BoxPapers BoxPapers { get; init; } = BoxPapers.FullSet;

    public CaseMaterial CaseMaterial { get; init; } = CaseMaterial.Steel;

    /// <summary>Case diameter in millimetres, e.g. 40 or 39.5.</summary>
    public decimal? DiameterMm { get; init; }

    public bool Sold { get; init; }

    /// <summary>"rolex-submariner-date-116610ln": lower-case words of brand, model and reference for URLs.</summary>
    public string Slug => Slugs.Of($"{Brand} {Model} {Reference}");
}

/// <summary>Grimmeissen's 0–5 scale (0 = unworn); other sites render it as words.</summary>
public enum ConditionGrade
{
    Unworn = 0,
    VeryGood = 1,
    Good = 2,
    Fair = 3,
    Worn = 4,
    Poor = 5,
}

public enum BoxPapers
{
    FullSet,
    BoxOnly,
    PapersOnly,
    WatchOnly,
}

public enum CaseMaterial
{
    Steel,
    YellowGold,
    WhiteGold,
    RoseGold,
    Platinum,
    Titanium,
}
