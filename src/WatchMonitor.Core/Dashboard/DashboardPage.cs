using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WatchMonitor.Charts;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Parsing;

namespace WatchMonitor.Dashboard;

/// <summary>
/// The dashboard at <c>/</c>: one server-rendered HTML page with embedded CSS, inline SVG and a few lines of script
/// that reload it when a cycle has completed. Nothing is fetched from elsewhere but the dealers' thumbnails.
/// docs/dashboard.md describes what it shows.
/// </summary>
public static class DashboardPage
{
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>Seconds between the page's checks whether a new cycle has completed.</summary>
    public const int PollSeconds = 15;

    private const string ResidentColor = "#0072b2";
    private const string WarningColor = "#e69f00";
    private const string CriticalColor = "#d55e00";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly string Script = string.Create(Invariant, $$"""
        (function () {
          var cycles = document.body.getAttribute('data-cycles');
          var site = document.getElementById('site');
          if (site) { site.addEventListener('change', function () { site.form.submit(); }); }
          setInterval(function () {
            fetch('health', { cache: 'no-store', credentials: 'same-origin' })
              .then(function (response) { return response.json(); })
              .then(function (health) { if (String(health.cycles) !== cycles) { location.reload(); } })
              .catch(function () { });
          }, {{PollSeconds * 1000}});
        })();
        """);

    /// <summary>
    /// The page's Content-Security-Policy: its own script (by hash) and styles only, images from the dealers, no
    /// frames, forms to itself. A title that slipped through encoding still could not run script.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        "default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; script-src 'sha256-"
        + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script))) + "'";

    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#f6f6f4}
        header{background:#1f2d3a;color:#fff;padding:10px 20px;display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}
        header h1{font-size:18px;margin:0}
        main{padding:12px 20px;max-width:1280px}
        section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;margin:0 0 14px}
        h2{font-size:15px;margin:2px 0 8px}
        table{border-collapse:collapse;width:100%}
        th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:middle}
        th{font-weight:600;color:#555;font-size:12px}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#ddd;color:#222}
        .s-ok,.Healthy,.a-delivered{background:#d6f0dc}
        .s-failing,.Unhealthy,.a-dead-letter,.d-Stopped{background:#f8d3cf}
        .s-layout-changed,.s-waiting,.Degraded,.a-queued,.d-Waiting{background:#fbe8c0}
        .thumb{width:56px;height:56px;object-fit:cover;border-radius:4px;background:#eee}
        .muted{color:#777}
        .error{color:#a33;font-size:12px}
        form{display:flex;gap:8px;margin:0 0 8px}
        input,select,button{font:inherit;padding:3px 6px}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0;font-size:13px}
        dt{font-family:monospace;color:#555}dd{margin:0;font-family:monospace;word-break:break-all}
        .facts{display:flex;gap:24px;margin:6px 0 0}
        svg{max-width:100%;height:auto}
        """;

    public static void Write(StringBuilder output, DashboardView view)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(view);
        var html = new HtmlWriter(output);
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<meta name=\"referrer\" content=\"no-referrer\"><title>Watch Monitor</title><style>").Raw(Style).Raw("</style></head>\n")
            .Raw("<body").Attribute("data-cycles", view.Health.Cycles.ToString(Invariant)).Raw(">\n");
        Header(html, view);
        html.Raw("<main>\n");
        if (view.StateProblem is not null)
        {
            html.Raw("<p class=\"error\">").Text(view.StateProblem).Raw("</p>");
        }

        if (view.Health.Reasons.Count > 0)
        {
            html.Raw("<section id=\"reasons\"><ul>");
            foreach (var reason in view.Health.Reasons)
            {
                html.Element("li", reason);
            }

            html.Raw("</ul></section>\n");
        }

        Sites(html, view);
        Memory(html, view);
        Listings(html, view);
        Configuration(html, view);
        html.Raw("</main>\n<script>").Raw(Script).Raw("</script>\n</body></html>\n");
    }

    private static void Header(HtmlWriter html, DashboardView view)
    {
        var health = view.Health;
        html.Raw("<header><h1>Watch Monitor</h1>")
            .Raw("<span id=\"status\" class=\"badge ").Text(health.Status.ToString()).Raw("\">").Text(health.Status.ToString()).Raw("</span>")
            .Raw("<span>").Text($"{health.Cycles} cycles since start").Raw("</span>")
            .Raw("<span>").Text(health.LastCycle is { } last ? $"last cycle ended {Time(last.EndedAt)}" : "no cycle completed yet").Raw("</span>")
            .Raw("<span>").Text($"{health.Outbox} queued, {health.DeadLetters} dead letters").Raw("</span>")
            .Raw("<span class=\"muted\">").Text($"as of {Time(view.Now)} UTC").Raw("</span></header>\n");
    }

    private static void Sites(HtmlWriter html, DashboardView view)
    {
        html.Raw("<section id=\"sites\"><h2>Sites</h2><table><thead><tr><th>site</th><th>status</th><th>last successful scan</th>")
            .Raw("<th class=\"num\">listings</th><th class=\"num\">failures in a row</th><th>layout</th><th>delivery</th></tr></thead><tbody>\n");
        foreach (var site in view.Sites)
        {
            var health = site.Health;
            html.Raw("<tr class=\"site\"").Attribute("data-site", site.Key).Raw(">")
                .Element("td", site.Key)
                .Raw("<td><span class=\"badge s-").Text(site.Status.Replace(' ', '-').TrimEnd('?')).Raw("\">").Text(site.Status).Raw("</span>");
            if (health.LastError is not null)
            {
                html.Raw("<div class=\"error\">").Text(health.LastError).Raw("</div>");
            }

            html.Raw("</td>")
                .Element("td", health.LastSuccessAt is { } success ? Time(success) : "not since start")
                .Element("td", health.ListingsLastCycle.ToString(Invariant), "num")
                .Element("td", health.ConsecutiveFailures.ToString(Invariant), "num")
                .Element("td", health.SuspectedLayoutChange ? "suspected change: the page loads but yields no listings" : "ok")
                .Raw("<td>");
            Destination(html, site.Destination);
            html.Raw("</td></tr>\n");
        }

        html.Raw("</tbody></table></section>\n");
    }

    private static void Destination(HtmlWriter html, DestinationHealth? destination)
    {
        if (destination is null)
        {
            html.Raw("<span class=\"muted\">no webhook: alerts go to the log</span>");
            return;
        }

        html.Raw("<span class=\"badge d-").Text(destination.State.ToString()).Raw("\">").Text(destination.State.ToString()).Raw("</span> ")
            .Text($"{destination.Pending} queued, {destination.Sent} sent");
        if (destination.DeadLetters > 0)
        {
            html.Text($", {destination.DeadLetters} dead letters");
        }

        if (destination.LastError is not null)
        {
            html.Raw("<div class=\"error\">").Text(destination.LastError).Raw("</div>");
        }
    }

    private static void Listings(HtmlWriter html, DashboardView view)
    {
        var filter = view.Filter;
        html.Raw("<section id=\"listings\"><h2>Latest listings</h2><form method=\"get\" action=\"./\" role=\"search\">")
            .Raw("<select id=\"site\" name=\"site\"><option value=\"\">every site</option>");
        foreach (var site in view.Sites)
        {
            html.Raw("<option").Attribute("value", site.Key).Raw(site.Key == filter.Site ? " selected" : "").Raw(">").Text(site.Key).Raw("</option>");
        }

        html.Raw("</select><input id=\"q\" name=\"q\" type=\"search\" placeholder=\"brand, model or reference\"").Attribute("value", filter.Text)
            .Raw("><button type=\"submit\">Show</button></form>\n");
        html.Raw("<table><thead><tr><th></th><th>title</th><th class=\"num\">price</th><th>dealer</th><th>first seen (UTC)</th><th>price history</th><th>alert</th></tr></thead><tbody>\n");
        foreach (var listing in view.Listings)
        {
            var row = listing.Row;
            html.Raw("<tr class=\"listing\"").Attribute("data-site", row.SiteKey).Raw("><td>");
            if (HtmlWriter.SafeUrl(row.ImageUrl) is { } image)
            {
                html.Raw("<img class=\"thumb\" loading=\"lazy\" alt=\"\" referrerpolicy=\"no-referrer\"").Attribute("src", image).Raw(">");
            }

            html.Raw("</td><td class=\"title\">");
            if (HtmlWriter.SafeUrl(row.Url) is { } url)
            {
                html.Raw("<a rel=\"noreferrer noopener\" target=\"_blank\"").Attribute("href", url).Raw(">").Text(row.Title ?? url).Raw("</a>");
            }
            else
            {
                html.Text(row.Title ?? row.CompositeId);
            }

            if (row.RemovedAt is not null)
            {
                html.Raw(" <span class=\"muted\">(gone)</span>");
            }

            html.Raw("</td>")
                .Element("td", row.Price is { } price ? PriceDisplay.Format(price, row.Currency ?? "") : "—", "num")
                .Element("td", row.SiteKey)
                .Element("td", row.FirstSeen is { } seen ? Time(seen) : "imported")
                .Raw("<td>");
            Sparkline(html, listing);
            html.Raw("</td><td><span class=\"badge a-").Text(row.Alert.Replace(' ', '-')).Raw("\">").Text(row.Alert).Raw("</span></td></tr>\n");
        }

        html.Raw("</tbody></table>");
        if (view.Listings.Count == 0)
        {
            html.Raw("<p class=\"muted\" id=\"no-listings\">No listings match.</p>");
        }

        html.Raw("</section>\n");
    }

    // A tiny line of the listing's prices; the tooltip lists them.
    private static void Sparkline(HtmlWriter html, ListingView listing)
    {
        var prices = listing.Prices;
        if (prices.Count < 2)
        {
            html.Raw("<span class=\"muted\">").Text(prices.Count == 1 ? "unchanged" : "—").Raw("</span>");
            return;
        }

        const double width = 90, height = 24;
        var low = (double)prices.Min(point => point.Price);
        var high = (double)prices.Max(point => point.Price);
        var points = new StringBuilder(prices.Count * 12);
        for (var i = 0; i < prices.Count; i++)
        {
            var x = 2 + (i * (width - 4) / (prices.Count - 1));
            var y = high == low ? height / 2 : 2 + ((high - (double)prices[i].Price) / (high - low) * (height - 4));
            points.Append(Invariant, $"{(i == 0 ? "" : " ")}{x:0.#},{y:0.#}");
        }

        var trend = prices[^1].Price < prices[0].Price ? "#009e73" : "#d55e00";
        html.Raw("<svg class=\"prices\" width=\"90\" height=\"24\" viewBox=\"0 0 90 24\" role=\"img\"><title>")
            .Text(string.Join(" → ", prices.Select(point => point.Price.ToString("N0", Invariant))))
            .Raw("</title><polyline fill=\"none\" stroke-width=\"1.5\"").Attribute("stroke", trend).Attribute("points", points.ToString()).Raw("/></svg>");
    }

    private static void Memory(HtmlWriter html, DashboardView view)
    {
        var memory = view.Health.Memory;
        var start = view.Now - DashboardQuery.MemoryWindow;
        var points = view.Memory
            .Where(reading => reading.ResidentMb is not null)
            .Select(reading => new ChartPoint((reading.StartedAt - start).TotalMinutes, reading.ResidentMb!.Value))
            .ToList();
        var dataMax = points.Select(point => point.Y).DefaultIfEmpty(0).Max();
        var chart = new SvgChart
        {
            Id = "memory-chart",
            Width = 860,
            Title = "Resident memory at the end of each cycle, last 24 hours",
            Panels =
            [
                new ChartPanel
                {
                    Height = 200,
                    XMax = DashboardQuery.MemoryWindow.TotalMinutes,
                    XStep = 180,
                    XTickLabel = minutes => start.AddMinutes(minutes).UtcDateTime.ToString("HH:mm", Invariant),
                    YMax = SvgChart.NiceCeiling(Math.Max(dataMax, memory.CriticalThresholdMb) * 1.05),
                    Series = [new ChartSeries("resident", "resident memory (RSS) after each cycle", ResidentColor, points) { Markers = points.Count <= 60 }],
                    Limits =
                    [
                        new ChartRule("warning-threshold", memory.WarningThresholdMb, string.Create(Invariant, $"warning {memory.WarningThresholdMb:0} MB"), WarningColor),
                        new ChartRule("critical-threshold", memory.CriticalThresholdMb, string.Create(Invariant, $"critical {memory.CriticalThresholdMb:0} MB"), CriticalColor),
                    ],
                    EmptyText = "No cycle recorded in the last 24 hours",
                },
            ],
        };
        html.Raw("<section id=\"memory\"><h2>Memory, last 24 hours (UTC)</h2>");
        using (var writer = new StringWriter(html.Output, Invariant))
        {
            chart.Write(writer);
        }

        html.Raw("<div class=\"facts\">")
            .Element("span", string.Create(Invariant, $"now {memory.RssMb:0.0} MB resident, {memory.GcHeapMb:0.0} MB managed heap"))
            .Element("span", view.Health.LastCycle is { } last ? string.Create(Invariant, $"last cycle took {last.DurationSeconds:0.0} s") : "no cycle yet", "last-cycle")
            .Element("span", string.Create(Invariant, $"{view.CyclesToday} cycles today"), "cycles-today")
            .Raw("</div></section>\n");
    }

    private static void Configuration(HtmlWriter html, DashboardView view)
    {
        html.Raw("<section id=\"configuration\"><h2>Configuration</h2><dl>");
        foreach (var entry in view.Configuration)
        {
            html.Element("dt", entry.Key).Element("dd", entry.Value);
        }

        html.Raw("</dl></section>\n");
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Invariant);
}
