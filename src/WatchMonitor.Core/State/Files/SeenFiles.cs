using System.Text.Json;

namespace WatchMonitor.State;

/// <summary>
/// The seen file of the Python monitor (<c>seen_watches.json</c>: site key to an array of ids) and its companion
/// <c>&lt;name&gt;.meta.json</c> written by earlier versions of this one: read for import, written by export.
/// Formats: docs/state-files.md.
/// </summary>
internal static class SeenFiles
{
    private const int CompanionVersion = 1;

    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText LastSeenName = JsonEncodedText.Encode("lastSeen");
    private static readonly JsonEncodedText UrlName = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText PriceName = JsonEncodedText.Encode("price");
    private static readonly JsonEncodedText CurrencyName = JsonEncodedText.Encode("currency");

    public static string CompanionPathFor(string seenFilePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seenFilePath);
        var stem = seenFilePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? seenFilePath[..^".json".Length] : seenFilePath;
        return stem + ".meta.json";
    }

    /// <summary>The seen file's sites and ids, in its order; null when it is missing or empty.</summary>
    /// <exception cref="JsonException">The file is not a seen file.</exception>
    public static List<SeenSiteContent>? ReadSeen(string seenPath)
    {
        using var reader = JsonFileReader.Open(seenPath);
        return reader is null ? null : ReadSeen(reader);
    }

    /// <summary>
    /// Orders each site least recently seen first and adds what the companion knew: ids without a companion entry
    /// first, in the seen file's order, then the companion's entries in its order. Entries whose id is not in the
    /// seen file are dropped. A missing companion changes nothing.
    /// </summary>
    /// <returns>How many companion entries were dropped.</returns>
    /// <exception cref="JsonException">The file is not a companion file.</exception>
    public static int ApplyCompanion(List<SeenSiteContent> sites, string companionPath)
    {
        ArgumentNullException.ThrowIfNull(sites);
        using var companion = JsonFileReader.Open(companionPath);
        if (companion is null)
        {
            return 0;
        }

        var byKey = sites.ToDictionary(site => site.Key, StringComparer.Ordinal);
        var records = new Dictionary<string, List<SeenFileRecord>>(StringComparer.Ordinal);
        var dropped = ReadCompanion(companion, byKey, records);
        foreach (var site in sites)
        {
            if (records.TryGetValue(site.Key, out var ordered))
            {
                var restored = ordered.Select(record => record.Id).ToHashSet(StringComparer.Ordinal);
                site.Records.RemoveAll(record => restored.Contains(record.Id));
                site.Records.AddRange(ordered);
            }
        }

        return dropped;
    }

    /// <summary>The seen file: one object, site key to ids, two-space indent, non-ASCII unescaped.</summary>
    public static async Task WriteSeenAsync(Stream stream, IEnumerable<SeenSiteContent> sites, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(stream, StateJson.Indented);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            foreach (var site in sites)
            {
                writer.WriteStartArray(site.Key);
                foreach (var record in site.Records)
                {
                    writer.WriteStringValue(record.Id);
                    await StateJson.FlushIfFullAsync(writer, cancellationToken).ConfigureAwait(false);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The companion: <c>{"version":1,"sites":{key:[{id,lastSeen,url,price,currency}]}}</c> without whitespace.</summary>
    public static async Task WriteCompanionAsync(Stream stream, IEnumerable<SeenSiteContent> sites, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(stream, StateJson.Compact);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", CompanionVersion);
            writer.WriteStartObject("sites");
            foreach (var site in sites)
            {
                writer.WriteStartArray(site.Key);
                foreach (var record in site.Records)
                {
                    WriteRecord(writer, record);
                    await StateJson.FlushIfFullAsync(writer, cancellationToken).ConfigureAwait(false);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<SeenSiteContent> ReadSeen(JsonFileReader reader)
    {
        var sites = new List<SeenSiteContent>();
        var byKey = new Dictionary<string, SeenSiteContent>(StringComparer.Ordinal);
        reader.ReadExpecting(JsonTokenType.StartObject, "the seen file");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            if (!byKey.TryGetValue(key, out var site))
            {
                site = new SeenSiteContent(key);
                byKey.Add(key, site);
                sites.Add(site);
            }

            reader.ReadExpecting(JsonTokenType.StartArray, $"site '{key}'");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var id = ReadId(reader, $"an id of site '{key}'");
                if (site.Ids.Add(id))
                {
                    site.Records.Add(new SeenFileRecord(id, null, null, null, null));
                }
            }
        }

        ExpectEnd(reader);
        return sites;
    }

    private static int ReadCompanion(JsonFileReader reader, Dictionary<string, SeenSiteContent> sites, Dictionary<string, List<SeenFileRecord>> records)
    {
        var dropped = 0;
        var version = 0;
        var sawSites = false;
        reader.ReadExpecting(JsonTokenType.StartObject, "the companion file");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("version"u8))
            {
                reader.ReadExpecting(JsonTokenType.Number, "'version'");
                version = reader.GetNullableDecimal("version") is { } number && decimal.IsInteger(number) ? (int)number : -1;
            }
            else if (reader.ValueTextEquals("sites"u8))
            {
                if (version != CompanionVersion)
                {
                    throw StateJson.Shape($"unsupported version, expected {CompanionVersion}");
                }

                sawSites = true;
                dropped += ReadCompanionSites(reader, sites, records);
            }
            else
            {
                reader.Skip();
            }
        }

        ExpectEnd(reader);
        return sawSites ? dropped : throw StateJson.Shape("'sites' is missing");
    }

    private static int ReadCompanionSites(JsonFileReader reader, Dictionary<string, SeenSiteContent> sites, Dictionary<string, List<SeenFileRecord>> records)
    {
        var dropped = 0;
        reader.ReadExpecting(JsonTokenType.StartObject, "'sites'");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            var site = sites.GetValueOrDefault(key);
            var restored = new List<SeenFileRecord>();
            var restoredIds = new HashSet<string>(StringComparer.Ordinal);
            reader.ReadExpecting(JsonTokenType.StartArray, $"site '{key}'");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw StateJson.Shape($"an entry of site '{key}' is {reader.TokenType}, expected StartObject");
                }

                var record = ReadRecord(reader);
                if (site is null || !site.Ids.Contains(record.Id))
                {
                    dropped++;
                    continue;
                }

                // A later entry for the same id is the more recent one.
                if (!restoredIds.Add(record.Id))
                {
                    restored.RemoveAll(earlier => earlier.Id == record.Id);
                }

                restored.Add(record);
            }

            if (site is not null)
            {
                records[key] = restored;
            }
        }

        return dropped;
    }

    private static SeenFileRecord ReadRecord(JsonFileReader reader)
    {
        string? id = null;
        DateTimeOffset? lastSeen = null;
        string? url = null;
        decimal? price = null;
        string? currency = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = ReadId(reader, "'id'");
            }
            else if (reader.ValueTextEquals("lastSeen"u8))
            {
                reader.Read();
                lastSeen = reader.GetUtcTime("lastSeen");
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                reader.Read();
                url = reader.GetNullableString("url");
            }
            else if (reader.ValueTextEquals("price"u8))
            {
                reader.Read();
                price = reader.GetNullableDecimal("price");
            }
            else if (reader.ValueTextEquals("currency"u8))
            {
                reader.Read();
                currency = reader.GetNullableString("currency");
            }
            else
            {
                reader.Skip();
            }
        }

        return new SeenFileRecord(id ?? throw StateJson.Shape("'id' is missing"), lastSeen, url, price, currency);
    }

    private static string ReadId(JsonFileReader reader, string what) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString() : throw StateJson.Shape($"{what} is {reader.TokenType}, expected String");

    private static void ExpectEnd(JsonFileReader reader)
    {
        // Reading past the root makes the tokenizer check that nothing but whitespace follows it.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Depth != 0 || reader.Read())
        {
            throw StateJson.Shape("the file does not end after its top-level object");
        }
    }

    private static void WriteRecord(Utf8JsonWriter writer, SeenFileRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString(IdName, record.Id);
        if (record.LastSeen is { } lastSeen)
        {
            writer.WriteString(LastSeenName, lastSeen.UtcDateTime);
        }

        if (record.Url is not null)
        {
            writer.WriteString(UrlName, record.Url);
        }

        if (record.Price is { } price)
        {
            writer.WriteNumber(PriceName, price);
        }

        if (record.Currency is not null)
        {
            writer.WriteString(CurrencyName, record.Currency);
        }

        writer.WriteEndObject();
    }
}

/// <summary>One site of a seen file, least recently seen first.</summary>
internal sealed class SeenSiteContent(string key)
{
    public string Key { get; } = key;

    public List<SeenFileRecord> Records { get; } = [];

    public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);
}

/// <summary>A seen id with what the companion knew of it.</summary>
internal sealed record SeenFileRecord(string Id, DateTimeOffset? LastSeen, string? Url, decimal? Price, string? Currency);
