using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using WatchMonitor.State;

namespace WatchMonitor.Cli;

/// <summary><c>watchmon listings [--site KEY] [--since 7d] [--limit N] [--json]</c>: the latest seen listings.</summary>
internal static class ListingsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var site = new Option<string?>("--site") { Description = "Only this site's listings (its key, e.g. worldoftime)" };
        var since = new Option<string?>("--since") { Description = "Only listings first seen within this span: 30m, 12h, 7d" };
        var limit = new Option<int>("--limit") { Description = "At most this many listings, newest first", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "One JSON array instead of a table" };
        var command = new Command("listings", "Show the latest listings with first seen, current price, price changes and whether each alert was delivered.") { site, since, limit, json };
        command.SetAction(result =>
        {
            var count = result.GetValue(limit);
            if (count < 1)
            {
                error.WriteLine($"error: --limit {count} is not a positive number.");
                return WatchmonCommandLine.UsageError;
            }

            TimeSpan? span = null;
            if (result.GetValue(since) is { } text)
            {
                if (ParseSpan(text) is not { } parsed)
                {
                    error.WriteLine($"error: --since {text} is not a span such as 30m, 12h or 7d.");
                    return WatchmonCommandLine.UsageError;
                }

                span = parsed;
            }

            if (StateCommandContext.Open(output, error, out var exitCode) is not { } state)
            {
                return exitCode;
            }

            var rows = new ListingQuery(state.Database).Latest(result.GetValue(site), TimeProvider.System.GetUtcNow() - span, count);
            if (result.GetValue(json))
            {
                WriteJson(output, rows);
            }
            else
            {
                WriteTable(output, rows);
            }

            return 0;
        });
        return command;
    }

    internal static TimeSpan? ParseSpan(string text)
    {
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<ListingRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"{"first seen (UTC)",-17} {"site",-16} {"price",14} {"changes",7} {"alert",-11} title");
        foreach (var row in rows)
        {
            var price = row.Price is { } amount ? string.Create(c, $"{amount:0.##} {row.Currency}") : "—";
            var gone = row.RemovedAt is null ? "" : " (gone)";
            output.WriteLine(string.Create(c,
                $"{row.FirstSeen?.ToString("yyyy-MM-dd HH:mm", c) ?? "imported",-17} {row.SiteKey,-16} {price,14} {row.PriceChanges,7} {row.Alert,-11} {row.Title ?? row.Url ?? row.CompositeId}{gone}"));
        }

        output.WriteLine(string.Create(c, $"{rows.Count} listing(s)"));
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<ListingRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                ListingRowJson.WriteFields(writer, row);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
