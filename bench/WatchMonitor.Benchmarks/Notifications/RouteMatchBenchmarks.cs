using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Benchmarks.Notifications;

/// <summary>
/// Routing one listing event through a table of 20 routes with keywords, brands and price bounds, plus the six
/// sites' own webhooks: what the scanner pays per fresh listing.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class RouteMatchBenchmarks
{
    private RouteTable _table = null!;
    private RoutedListing _matching = null!;
    private RoutedListing _other = null!;

    [GlobalSetup]
    public void Setup()
    {
        var values = new Dictionary<string, string?>();
        foreach (var site in new[] { "worldoftime", "grimmeissen", "tropicalwatch", "juwelier_exchange", "watch_out", "rueschenbeck" })
        {
            values[site.ToUpperInvariant() + "_WEBHOOK_URL"] = $"https://discord.com/api/webhooks/1/{site}";
        }

        string[] words = ["GMT Master", "Submariner", "Daytona", "Speedmaster", "Nautilus", "Royal Oak", "Explorer II", "Datejust", "Santos", "Reverso"];
        for (var i = 0; i < 20; i++)
        {
            var prefix = $"Notifications:Routes:route{i:00}:";
            values[prefix + "Keywords"] = $"{words[i % words.Length]}, {words[(i + 3) % words.Length]}";
            values[prefix + "Exclude"] = "Batman, Replica";
            values[prefix + "Brands"] = i % 2 == 0 ? "Rolex, Omega" : "Patek Philippe, Audemars Piguet";
            values[prefix + "MaxPrice"] = (5_000 + (i * 1_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            values[prefix + "To"] = $"ntfys://ntfy.sh/topic{i % 5}";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var (table, errors) = RouteTableBuilder.Build(configuration, MonitoredSites.Resolve(configuration, new MonitorOptions()));
        _table = errors.Count == 0 ? table : throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        _matching = new RoutedListing("grimmeissen", "Rolex GMT-Master II 126710BLRO Pepsi Full Set 2021", "Rolex", "GMT-Master II", "126710BLRO", 14_500m);
        _other = new RoutedListing("watch_out", "Longines Conquest Heritage L1.611.4 vintage", "Longines", "Conquest", "L1.611.4", 1_900m);
    }

    [Benchmark(Baseline = true)]
    public int MatchingListing() => _table.Match(_matching, ListingEventKind.New).Count;

    [Benchmark]
    public int ListingNoRouteTakes() => _table.Match(_other, ListingEventKind.New).Count;
}
