namespace WatchMonitor.Demo.Listings;

/// <summary>
/// Makes plausible listings from a fixed catalogue. Deterministic: the same <see cref="Random"/> state and id give
/// the same watch, so a seeded scenario renders byte-identical pages on every run.
/// </summary>
public static class ListingGenerator
{
    private sealed record Model(string Brand, string Name, string Reference, decimal Diameter, CaseMaterial Material, int BasePrice, bool Vintage);

    private static readonly Model[] Catalogue =
    [
        new("Rolex", "Submariner Date", "116610LN", 40m, CaseMaterial.Steel, 12_500, false),
        new("Rolex", "GMT-Master", "1675", 40m, CaseMaterial.Steel, 18_000, true),
        new("Rolex", "Cosmograph Daytona", "116500LN", 40m, CaseMaterial.Steel, 29_000, false),
        new("Rolex", "Datejust", "16233", 36m, CaseMaterial.YellowGold, 7_900, false),
        new("Omega", "Speedmaster Professional", "311.30.42.30.01.005", 42m, CaseMaterial.Steel, 4_200, false),
        new("Omega", "Seamaster 300", "165.024", 39m, CaseMaterial.Steel, 6_800, true),
        new("Patek Philippe", "Nautilus", "5711/1A", 40m, CaseMaterial.Steel, 98_000, false),
        new("Patek Philippe", "Calatrava", "5196J", 37m, CaseMaterial.YellowGold, 21_000, false),
        new("Audemars Piguet", "Royal Oak", "15500ST", 41m, CaseMaterial.Steel, 45_000, false),
        new("IWC", "Portugieser Chronograph", "IW371446", 41m, CaseMaterial.Steel, 7_400, false),
        new("Jaeger-LeCoultre", "Reverso Classic", "Q3858520", 45.6m, CaseMaterial.Steel, 6_100, false),
        new("Cartier", "Santos", "WSSA0018", 39.8m, CaseMaterial.Steel, 6_900, false),
        new("Breitling", "Navitimer", "AB0121211", 43m, CaseMaterial.Steel, 5_600, false),
        new("Tudor", "Black Bay Fifty-Eight", "79030N", 39m, CaseMaterial.Steel, 3_300, false),
        new("Panerai", "Luminor Marina", "PAM01312", 44m, CaseMaterial.Steel, 6_200, false),
        new("Zenith", "El Primero", "01.0040.415", 38m, CaseMaterial.Steel, 8_700, true),
        new("A. Lange & Söhne", "Datograph", "403.035", 39m, CaseMaterial.Platinum, 79_000, false),
        new("Heuer", "Carrera", "2447S", 36m, CaseMaterial.Steel, 14_500, true),
        new("Universal Genève", "Polerouter", "20217-4", 35m, CaseMaterial.Steel, 3_900, true),
        new("Omega", "Seamaster Aqua Terra", "220.10.41.21.01.001", 41m, CaseMaterial.Titanium, 5_100, false),
        new("Rolex", "Day-Date", "18238", 36m, CaseMaterial.YellowGold, 24_500, false),
        new("Vacheron Constantin", "Overseas", "4500V", 41m, CaseMaterial.RoseGold, 52_000, false),
    ];

    /// <summary>A new listing; <paramref name="random"/> picks the model, year, condition and price variation.</summary>
    public static FakeListing Create(int id, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var model = Catalogue[random.Next(Catalogue.Length)];
        var year = model.Vintage ? random.Next(1958, 1986) : random.Next(2005, 2025);
        // ±20 % in steps of 50, so prices look like a dealer's ("12.450 €").
        var price = Math.Round(model.BasePrice * (0.8m + (decimal)random.NextDouble() * 0.4m) / 50m) * 50m;
        return new FakeListing
        {
            Id = id,
            Brand = model.Brand,
            Model = model.Name,
            Reference = model.Reference,
            Year = year,
            Price = price,
            Image = $"watch-{id}.jpg",
            Condition = (ConditionGrade)random.Next(0, 5),
            BoxPapers = (BoxPapers)random.Next(0, 4),
            CaseMaterial = model.Material,
            DiameterMm = model.Diameter,
        };
    }
}
