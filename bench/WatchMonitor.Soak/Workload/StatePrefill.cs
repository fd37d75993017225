using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using WatchMonitor.Configuration;
using WatchMonitor.Demo.Listings;
using WatchMonitor.FakeSites;
using WatchMonitor.Sites;

namespace WatchMonitor.Soak.Workload;

/// <summary>
/// State as full as months of service leave it: every site at MAX_SEEN_ITEMS_PER_SITE seen ids (with URL, price and
/// recency, as the seen file and companion the monitor imports at its first start) and MAX_SESSION_HISTORY_ENTRIES sessions. A soak
/// that starts empty measures the stores filling up (bounded, but for thousands of cycles) instead of the steady
/// state a long-running monitor lives in. The prefilled ids are older than anything the fake sites show, so they are
/// the ones trimmed as new ids arrive.
/// </summary>
internal static class StatePrefill
{
    private const int ArchivedIdBase = 500_000;

    /// <summary>
    /// Every site at the cap, with ids of listings the fake site never shows but with URLs and prices shaped like the
    /// ones it does: the store's memory depends on their length, and a store of shorter URLs would grow for thousands
    /// of cycles as real ones replace them.
    /// </summary>
    public static async Task<int> WriteSeenAsync(string seenPath, string companionPath, FakeSitesServer server, int seed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var perSite = new MonitorOptions().MaxSeenItemsPerSite;
        var random = new Random(seed);
        var ids = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var companion = File.Create(companionPath);
        await using (companion.ConfigureAwait(false))
        {
            var writer = new Utf8JsonWriter(companion, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            await using (writer.ConfigureAwait(false))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", 1);
                writer.WriteStartObject("sites");
                foreach (var site in SiteCatalog.All)
                {
                    var siteIds = ids[site.Key] = new List<string>(perSite);
                    writer.WriteStartArray(site.Key);
                    for (var i = 0; i < perSite; i++)
                    {
                        // Ids far above any the workload reaches, so no archived URL is ever listed again.
                        var listing = ListingGenerator.Create(ArchivedIdBase + i, random);
                        var url = server.ExpectListing(site.Key, listing)?.Url ?? throw new InvalidOperationException($"{site.Key} would not show a generated listing.");
                        var id = Convert.ToHexStringLower(RandomBytes(random));
                        siteIds.Add(id);
                        writer.WriteStartObject();
                        writer.WriteString("id", id);
                        writer.WriteString("lastSeen", (now - (SoakOptions.Interval * (perSite - i))).UtcDateTime);
                        writer.WriteString("url", url);
                        if (listing.Price is { } price)
                        {
                            writer.WriteNumber("price", price);
                        }

                        writer.WriteString("currency", site.Currency);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }
        }

        var seen = File.Create(seenPath);
        await using (seen.ConfigureAwait(false))
        {
            var writer = new Utf8JsonWriter(seen, new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            await using (writer.ConfigureAwait(false))
            {
                writer.WriteStartObject();
                foreach (var (key, siteIds) in ids)
                {
                    writer.WriteStartArray(key);
                    siteIds.ForEach(writer.WriteStringValue);
                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }
        }

        return perSite;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes the sessions in <c>session_history.json</c>'s format (docs/state-files.md), one per interval up to now.</summary>
    public static async Task<int> WriteHistoryAsync(string historyPath, DateTimeOffset now, TimeZoneInfo localZone, CancellationToken cancellationToken)
    {
        var count = new MonitorOptions().MaxSessionHistoryEntries;
        var stream = File.Create(historyPath);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            await using (writer.ConfigureAwait(false))
            {
                writer.WriteStartArray();
                for (var i = 0; i < count; i++)
                {
                    var started = TimeZoneInfo.ConvertTime(now - (SoakOptions.Interval * (count - i)), localZone);
                    WriteSession(writer, started);
                }

                writer.WriteEndArray();
            }
        }

        return count;
    }

    private static void WriteSession(Utf8JsonWriter writer, DateTimeOffset started)
    {
        const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff";
        writer.WriteStartObject();
        writer.WriteString("session_id", started.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture));
        writer.WriteString("started_at", started.ToString(LocalFormat, CultureInfo.InvariantCulture));
        writer.WriteString("ended_at", started.AddSeconds(4.25).ToString(LocalFormat, CultureInfo.InvariantCulture));
        writer.WriteNumber("duration_seconds", 4.25);
        writer.WriteNumber("sites_scraped", SiteCatalog.All.Count);
        writer.WriteNumber("total_watches_found", SiteCatalog.All.Count * 48);
        writer.WriteNumber("total_new_watches", SiteCatalog.All.Count);
        writer.WriteNumber("notifications_sent", SiteCatalog.All.Count);
        writer.WriteNumber("errors_encountered", 0);
        writer.WriteNumber("memory_usage_start_mb", 61.5);
        writer.WriteNumber("memory_usage_end_mb", 62.25);
        writer.WriteNumber("memory_delta_mb", 0.75);
        writer.WriteStartObject("site_stats");
        foreach (var site in SiteCatalog.All)
        {
            writer.WriteStartObject(site.Key);
            writer.WriteNumber("total_found", 48);
            writer.WriteNumber("new_found", 1);
            writer.WriteNumber("notifications_sent", 1);
            writer.WriteNumber("errors", 0);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
