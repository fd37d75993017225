using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using WatchMonitor.Benchmarks.Diagnostics;
using WatchMonitor.Listings;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Sites;

namespace WatchMonitor.Benchmarks.Notifications;

/// <summary>
/// The new-watch embed of a listing with every field set, and the webhook payload serialized as UTF-8 the way
/// <c>DiscordWebhookClient</c> sends it: one embed per message, and a full message of ten.
/// </summary>
[MemoryDiagnoser]
[CpuTimeDiagnoser]
[MinColumn, MedianColumn]
public class EmbedBenchmarks
{
    // The product's DiscordJsonContext is internal; the reflection serializer with its options writes the same JSON.
    private static readonly JsonSerializerOptions ReflectionOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly ListingEmbedBuilder _builder = new(TimeProvider.System);
    private readonly SiteDefinition _site = SiteCatalog.WorldOfTime;
    private Listing _listing = null!;
    private DiscordMessage _single = null!;
    private DiscordMessage _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        _listing = new Listing
        {
            SiteKey = _site.Key,
            Url = "https://www.worldoftime.de/Watches/Details/31188/rolex-gmt-master-1675-vintage",
            Title = "Rolex GMT-Master 1675 vintage",
            Brand = "Rolex",
            Model = "GMT-Master",
            Reference = "1675",
            Year = "1968",
            Price = 14900m,
            Currency = "EUR",
            PriceDisplay = "€14.900",
            ImageUrl = "https://www.worldoftime.de/Media/Watches/31188/31188_1_400.jpg",
            Condition = "★★★★☆",
            HasPapers = true,
            HasBox = false,
            CaseMaterial = "Edelstahl",
            Diameter = "40 mm",
            DetectedAt = new DateTimeOffset(2026, 11, 29, 9, 30, 0, TimeSpan.Zero),
        };
        _listing.AssignIdentity();
        var embed = BuildEmbed();
        _single = new DiscordMessage([embed]);
        _full = new DiscordMessage(Enumerable.Repeat(embed, DiscordLimits.EmbedsPerMessage).ToArray());

        var reflected = JsonSerializer.Serialize(_single, ReflectionOptions);
        var generated = JsonSerializer.Serialize(_single, BenchDiscordJsonContext.Default.DiscordMessage);
        if (!string.Equals(reflected, generated, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Reflection and source-generated JSON differ:\n{reflected}\n{generated}");
        }
    }

    [Benchmark(Baseline = true)]
    public DiscordEmbed BuildEmbed() => _builder.BuildNewListing(_listing, _site);

    [Benchmark]
    public byte[] BuildAndSerialize() =>
        JsonSerializer.SerializeToUtf8Bytes(new DiscordMessage([BuildEmbed()]), BenchDiscordJsonContext.Default.DiscordMessage);

    [Benchmark]
    public byte[] SerializeOneEmbed() => JsonSerializer.SerializeToUtf8Bytes(_single, BenchDiscordJsonContext.Default.DiscordMessage);

    [Benchmark]
    public byte[] SerializeOneEmbedReflection() => JsonSerializer.SerializeToUtf8Bytes(_single, ReflectionOptions);

    [Benchmark]
    public byte[] SerializeTenEmbeds() => JsonSerializer.SerializeToUtf8Bytes(_full, BenchDiscordJsonContext.Default.DiscordMessage);
}

/// <summary>A copy of the product's internal <c>DiscordJsonContext</c> (same options), so the source-generated path is measured.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiscordMessage))]
internal sealed partial class BenchDiscordJsonContext : JsonSerializerContext;
