using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Cli;
using WatchMonitor.Configuration;
using WatchMonitor.Diagnostics;
using WatchMonitor.EndToEndTests.Monitor.Harness;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;
using WatchMonitor.Hosting;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// Issue 6: a webhook URL carries its token (whoever sees it can post to the channel) and an exchange-rate URL may
/// carry an API key. The monitor runs through every failure that could echo a URL, then every output is scanned:
/// each log line at every level with its scopes, values and exceptions, <c>/health</c>, <c>/metrics</c>,
/// <c>/memory</c>, the dashboard and its API, <c>watchmon health</c>, the memory-profile CSV/SVG/MD and heap snapshot, every state file,
/// configuration exceptions, and the real executable's <c>validate</c>, <c>once</c> and <c>stats</c> output.
/// The outbox holds the site key and the embed, never the webhook: the URL is looked up at delivery, so a webhook
/// changed in the configuration applies to what is already queued.
/// </summary>
public sealed class SecretScanTests(ITestOutputHelper output) : MonitorTestBase(output)
{
    private const string ApiKey = "XRKEY-7f3c9d1e5b2a46800e1d";
    private const string RefusedToken = "RefusedToken-" + "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy";

    // Held answers wait on this clock, and so does the monitor's request timeout.
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    protected override FakeSitesOptions ServerOptions => new() { TimeProvider = _time };

    [Fact]
    public async Task EveryOutput_AfterEveryFailureKind_HoldsNoWebhookTokenOrApiKey()
    {
        var server = Harness.Server;
        var logs = new ScopeCapturingLogs();
        var closedPort = ClosedPort();
        IEnumerable<KeyValuePair<string, string?>> settings =
        [
            new("EXCHANGE_RATE_API_URL", server.ExchangeRateUrl + "?access_key=" + ApiKey),
            new("Sites:rueschenbeck:WebhookUrl", RefusedWebhook(closedPort)),
            new("REQUEST_TIMEOUT", "60"),
            new("MAX_CONCURRENT_SCRAPERS", "1"),
            new("MEMORY_PROFILING", "true"),
        ];
        var health = new ConfigurationBuilder().AddInMemoryCollection([new("Health:Url", "http://127.0.0.1:0"), new("HEALTH_ENABLED", "true")]).Build();
        void Services(IServiceCollection services)
        {
            logs.Install(services);
            services.AddHealthEndpoints(health);
        }

        Harness.Logs.ExpectErrors("it was deleted or its token is wrong");
        Harness.Logs.ExpectErrors("Discord refused the message");
        await using var monitor = Harness.StartMonitor(settings, services =>
        {
            Services(services);
            MonitorHarness.UseClock(_time)(services);
        });
        await monitor.RunCycleAsync();

        // Webhooks: 404 deleted, 401 token, 5xx, 400, a timeout, connection refused. Rate: 500. A dealer: reset.
        AddOneListingPerSite();
        server.Discord.Webhook("worldoftime").Deleted = true;
        server.Discord.Webhook("grimmeissen").Unauthorized = true;
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(502), "tropicalwatch");
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(400, body: """{"code": 50035, "message": "Invalid Form Body"}"""), "juwelier_exchange");
        server.Faults.Add(FaultRoute.Webhook, Fault.Delayed(TimeSpan.FromMinutes(10)), "watch_out");
        server.Faults.Add(FaultRoute.ExchangeRate, Fault.Status(500, times: 1));
        server.Faults.Add(FaultRoute.Detail, Fault.ConnectionReset(times: 1), "grimmeissen");
        var cycle = monitor.RunCycleAsync();
        // The monitor has dealt with the five other posts and Watch Out's is held: only that one times out.
        await server.Faults.WaitForHoldsAsync(1);
        await Harness.Logs.WaitForMatchesAsync(LogLevel.Error, "it was deleted or its token is wrong", 2);
        await Harness.Logs.WaitForMatchesAsync(LogLevel.Error, "Discord refused the message");
        await Harness.Logs.WaitForMatchesAsync(LogLevel.Warning, "tropicalwatch: Discord delivery failed (status 502");
        await Harness.Logs.WaitForMatchesAsync(LogLevel.Warning, "Posting to Discord webhook http://127.0.0.1:" + closedPort);
        _time.Advance(TimeSpan.FromSeconds(60));
        await cycle;
        server.Faults.Clear(FaultRoute.Webhook, "watch_out");

        // Rate: a timeout (the scan runs one site at a time, so only the rate request is in flight), then (another
        // process) connection refused.
        server.Site("tropicalwatch").Add();
        server.Faults.Add(FaultRoute.ExchangeRate, Fault.Delayed(TimeSpan.FromMinutes(10), times: 1));
        cycle = monitor.RunCycleAsync();
        await server.Faults.WaitForHoldsAsync(2);
        _time.Advance(TimeSpan.FromSeconds(60));
        await cycle;
        // Two processes never work on one state directory at once: this one's delivery stops while the other runs.
        await monitor.StopDeliveryAsync();
        await using (var refused = Harness.StartMonitor([.. settings, new("EXCHANGE_RATE_API_URL", $"http://127.0.0.1:{closedPort}/v6/{ApiKey}/latest/USD")], logs.Install))
        {
            server.Site("tropicalwatch").Add();
            await refused.RunCycleAsync();
        }

        var texts = new List<(string Where, string Text)>();
        var endpoints = monitor.Services.GetRequiredService<HealthEndpoints>();
        await endpoints.StartAsync(CancellationToken.None);
        try
        {
            var address = Assert.Single(endpoints.Addresses);
            using var http = new HttpClient { BaseAddress = address };
            foreach (var path in new[] { "/health", "/metrics", "/memory", "/", "/api/sites", "/api/listings?limit=500", "/?q=rolex" })
            {
                texts.Add((path, await http.GetStringAsync(new Uri(path, UriKind.Relative))));
            }

            using var healthOutput = new StringWriter();
            using var healthError = new StringWriter();
            var exit = await WatchmonCommandLine.InvokeAsync(["health", "--url", address.ToString()], healthOutput, healthError);
            Assert.True(exit is 0 or 1, $"watchmon health exit {exit}: the endpoint did not answer");
            texts.Add(("watchmon health", healthOutput + healthError.ToString()));
        }
        finally
        {
            await endpoints.StopAsync(CancellationToken.None);
        }

        await monitor.Services.GetRequiredService<MemoryProfiler>().WriteReportAsync(CancellationToken.None);
        await monitor.Services.GetRequiredService<MemoryReport>().WriteFileAsync(CancellationToken.None);
        var files = Directory.GetFiles(Harness.StateDirectory, "*", SearchOption.AllDirectories);
        Assert.Contains(files, file => file.EndsWith(".csv", StringComparison.Ordinal));
        Assert.Contains(files, file => file.EndsWith("memory-report.svg", StringComparison.Ordinal));
        Assert.Contains(files, file => file.EndsWith("memory-report.md", StringComparison.Ordinal));
        Assert.Contains(files, file => file.EndsWith("watchmon.db", StringComparison.Ordinal));
        // The database is binary; its text (queued embeds, URLs, errors) is what could hold a secret.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        files = Directory.GetFiles(Harness.StateDirectory, "*", SearchOption.AllDirectories);
        texts.AddRange(files.Select(file => (file, System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file)))));

        var invalid = Assert.Throws<InvalidConfigurationException>(() => Harness.StartMonitor(
        [
            new("Sites:grimmeissen:WebhookUrl", "htps:/127.0.0.1/api/webhooks/1300000000000000002/" + server.Discord.Webhook("grimmeissen").Token),
            new("EXCHANGE_RATE_API_URL", "127.0.0.1/v6/" + ApiKey + "/latest/USD"),
        ]));
        texts.Add(("configuration exception", invalid.ToString()));
        texts.AddRange(Harness.Logs.Entries.Select(entry => ("log", entry.ToString())));
        texts.AddRange(logs.Lines.Select(line => ("log (all levels, scopes)", line)));

        // The failures really happened, and were logged, so the scan looked at the lines that could leak.
        Assert.Contains(logs.Lines, line => line.Contains("No usable USD→EUR rate", StringComparison.Ordinal) && line.Contains("500", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Contains("No usable USD→EUR rate", StringComparison.Ordinal) && line.Contains("timed out", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Contains("No usable USD→EUR rate", StringComparison.Ordinal) && line.Contains("refused", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(logs.Lines, line => line.Contains("Posting to Discord webhook http://127.0.0.1:" + closedPort, StringComparison.Ordinal));
        Assert.True(monitor.Services.GetRequiredService<ILogger<OutboundHostsTests>>().IsEnabled(LogLevel.Trace), "The scan must see every level.");
        Assert.Contains("GRIMMEISSEN_WEBHOOK_URL", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("EXCHANGE_RATE_API_URL", invalid.Message, StringComparison.Ordinal);
        Output.WriteLine($"Scanned {texts.Count} outputs, {texts.Sum(text => text.Text.Length)} characters.");
        AssertNoSecrets(texts);
    }

    [Fact]
    public async Task Executable_ValidateOnceStatsAndInvalidConfiguration_PrintNoWebhookTokenOrApiKey()
    {
        var server = Harness.Server;
        var directory = Path.Combine(Harness.StateDirectory, "cli");
        Directory.CreateDirectory(directory);
        var environment = new Dictionary<string, string?>(server.MonitorConfiguration(), StringComparer.OrdinalIgnoreCase)
        {
            ["EXCHANGE_RATE_API_URL"] = server.ExchangeRateUrl + "?access_key=" + ApiKey,
            ["Sites:rueschenbeck:WebhookUrl"] = RefusedWebhook(ClosedPort()),
            ["DETAIL_PAGE_DELAY"] = "0",
            ["REQUEST_TIMEOUT"] = "10",
            ["MAX_RETRIES"] = "0",
            ["HEALTH_ENABLED"] = "false",
            ["MEMORY_PROFILING"] = "true",
        };
        server.Discord.Webhook("worldoftime").Deleted = true;
        server.Discord.Webhook("grimmeissen").Unauthorized = true;
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(502), "tropicalwatch");
        server.Faults.Add(FaultRoute.Webhook, Fault.Status(400, body: """{"code": 50035, "message": "Invalid Form Body"}"""), "juwelier_exchange");
        server.Faults.Add(FaultRoute.ExchangeRate, Fault.Status(401));

        var validate = await WatchmonProcess.RunAsync(directory, environment, "validate");
        // Every level of every category on the real console, the ones the monitor quiets by default included.
        foreach (var category in new[] { "Default", "System.Net.Http", "Microsoft", "Polly" })
        {
            environment["Logging:LogLevel:" + category] = "Trace";
        }

        var once = await WatchmonProcess.RunAsync(directory, environment, "once", "--notify-existing");
        var stats = await WatchmonProcess.RunAsync(directory, environment, "stats");
        environment["Sites:grimmeissen:WebhookUrl"] = "htps:/127.0.0.1/api/webhooks/1300000000000000002/" + server.Discord.Webhook("grimmeissen").Token;
        environment["EXCHANGE_RATE_API_URL"] = "127.0.0.1/v6/" + ApiKey + "/latest/USD";
        var invalid = await WatchmonProcess.RunAsync(directory, environment, "validate");

        Output.WriteLine(validate.All + once.All + stats.All + invalid.All);
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("webhook not found", validate.Output, StringComparison.Ordinal);
        Assert.Contains("not reachable", validate.Output, StringComparison.Ordinal);
        Assert.Contains("No usable USD→EUR rate", once.Error, StringComparison.Ordinal);
        Assert.Contains("Discord refused the message", once.Error, StringComparison.Ordinal);
        Assert.Contains("Posting to Discord webhook", once.Error, StringComparison.Ordinal);
        Assert.Contains("dbug: ", once.Error, StringComparison.Ordinal);
        Assert.Contains("juwelier_exchange", stats.Output, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("GRIMMEISSEN_WEBHOOK_URL", invalid.Error, StringComparison.Ordinal);
        Assert.Contains("EXCHANGE_RATE_API_URL", invalid.Error, StringComparison.Ordinal);
        List<(string, string)> texts =
        [
            ("validate", validate.All), ("once", once.All), ("stats", stats.All), ("validate (invalid)", invalid.All),
            .. Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(file => (file, File.ReadAllText(file))),
        ];
        AssertNoSecrets(texts);
    }

    private static string RefusedWebhook(int port) => $"http://127.0.0.1:{port}/api/webhooks/1300000000000000099/{RefusedToken}";

    /// <summary>A loopback port nobody listens on: connecting to it is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void AddOneListingPerSite()
    {
        foreach (var site in Harness.Server.Sites)
        {
            site.Add();
        }
    }

    private void AssertNoSecrets(IEnumerable<(string Where, string Text)> texts)
    {
        // Whole tokens and paths, and their recognisable prefixes: a token cut short is still a leak.
        string[] secrets = [.. Harness.Secrets(), "FakeToken-", RefusedToken, "RefusedToken-", ApiKey, "XRKEY-"];
        var leaks = texts
            .SelectMany(text => secrets.Where(secret => text.Text.Contains(secret, StringComparison.Ordinal))
                .Select(secret => $"{text.Where}: '{secret[..Math.Min(14, secret.Length)]}…' in {Excerpt(text.Text, secret)}"))
            .ToList();
        Assert.True(leaks.Count == 0, "Secrets found:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
    }

    private static string Excerpt(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        var start = Math.Max(0, at - 120);
        return text[start..Math.Min(text.Length, at + secret.Length + 40)].ReplaceLineEndings(" ");
    }
}
