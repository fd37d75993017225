using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WatchMonitor.Monitoring.Health;

namespace WatchMonitor.Tests.Hosting;

public sealed class HealthEndpointsTests
{
    private const string WebhookUrl = "https://discord.com/api/webhooks/123456789012345678/leak-me-Token_abc";

    [Theory]
    [InlineData(HealthStatus.Healthy, HttpStatusCode.OK)]
    [InlineData(HealthStatus.Degraded, HttpStatusCode.OK)]
    [InlineData(HealthStatus.Unhealthy, HttpStatusCode.ServiceUnavailable)]
    public async Task GetHealth_Status_AnswersWithHttpCode(HealthStatus status, HttpStatusCode expected)
    {
        await using var server = await HealthTestServer.StartAsync();
        server.Source.Snapshot = FakeHealthSource.Create(status);
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "/health"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status.ToString(), document.RootElement.GetProperty("status").GetString());
        Assert.Empty(server.Logs.Errors);
    }

    [Fact]
    public async Task GetHealth_Snapshot_HasDocumentedKeys()
    {
        await using var server = await HealthTestServer.StartAsync();
        using var client = new HttpClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(server.BaseAddress, "/health")));

        var root = document.RootElement;
        Assert.Equal(["status", "reasons", "memory", "lastCycle", "cycles", "outbox", "sites", "destinations", "deadLetters"], Keys(root));
        Assert.Equal(["rssMb", "gcHeapMb", "warningThresholdMb", "criticalThresholdMb", "degraded"], Keys(root.GetProperty("memory")));
        Assert.Equal(["startedAt", "endedAt", "durationSeconds", "newListings", "errors"], Keys(root.GetProperty("lastCycle")));
        Assert.Equal(["worldoftime", "grimmeissen"], Keys(root.GetProperty("sites")));
        Assert.Equal(
            ["lastSuccessAt", "consecutiveFailures", "listingsLastCycle", "suspectedLayoutChange", "webhookStopped", "lastError"],
            Keys(root.GetProperty("sites").GetProperty("grimmeissen")));
        Assert.Equal(7, root.GetProperty("cycles").GetInt64());
        Assert.Equal(3, root.GetProperty("outbox").GetInt32());
        Assert.Equal(151.5, root.GetProperty("memory").GetProperty("rssMb").GetDouble());
        Assert.True(root.GetProperty("sites").GetProperty("grimmeissen").GetProperty("webhookStopped").GetBoolean());
    }

    [Fact]
    public async Task GetHealthAndMetrics_WebhookUrlInSiteData_NeverShown()
    {
        await using var server = await HealthTestServer.StartAsync();
        var leaky = FakeHealthSource.Create(HealthStatus.Degraded, lastError: $"POST {WebhookUrl} answered 404");
        var sites = new Dictionary<string, SiteHealth>(leaky.Sites, StringComparer.Ordinal) { [WebhookUrl] = new(null, 1, 0, false, true, WebhookUrl) };
        server.Source.Snapshot = leaky with { Reasons = [$"webhook {WebhookUrl} stopped"], Sites = sites };
        server.Source.Metrics = new MetricsSnapshot(
            server.Source.Snapshot,
            1,
            new Dictionary<string, SiteCounters> { [WebhookUrl] = new(1, 1, 1, 1, 1), ["grimmeissen"] = new(1, 1, 1, 1, 1) });
        using var client = new HttpClient();

        var health = await client.GetStringAsync(new Uri(server.BaseAddress, "/health"));
        var metrics = await client.GetStringAsync(new Uri(server.BaseAddress, "/metrics"));

        foreach (var body in new[] { health, metrics })
        {
            Assert.DoesNotContain("leak-me-Token_abc", body, StringComparison.Ordinal);
            Assert.DoesNotContain("123456789012345678", body, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(health);
        var grimmeissen = document.RootElement.GetProperty("sites").GetProperty("grimmeissen");
        Assert.Equal("POST https://discord.com/api/webhooks/1234…/*** answered 404", grimmeissen.GetProperty("lastError").GetString());
        Assert.Contains("watchmon_site_errors_total{site=\"grimmeissen\"} 1", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("/webhooks/", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetrics_Scrape_HasPrometheusTextWithCurrentValues()
    {
        await using var server = await HealthTestServer.StartAsync();
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "/metrics"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        foreach (var name in new[]
        {
            "watchmon_health_status", "watchmon_memory_resident_bytes", "watchmon_memory_gc_heap_bytes", "watchmon_cycles_total",
            "watchmon_cycle_duration_seconds_total", "watchmon_last_cycle_duration_seconds", "watchmon_listings_found_total",
            "watchmon_new_listings_total", "watchmon_notifications_sent_total", "watchmon_notifications_failed_total",
            "watchmon_outbox_pending", "watchmon_site_errors_total", "watchmon_site_consecutive_failures",
            "watchmon_site_layout_change_suspected", "watchmon_site_webhook_stopped", "process_cpu_seconds_total",
        })
        {
            Assert.Contains($"# TYPE {name} ", body, StringComparison.Ordinal);
        }

        Assert.Contains("watchmon_memory_resident_bytes 158859264", body, StringComparison.Ordinal);
        Assert.Contains("watchmon_cycles_total 7", body, StringComparison.Ordinal);
        Assert.Contains("watchmon_outbox_pending 3", body, StringComparison.Ordinal);
        Assert.Contains("watchmon_listings_found_total{site=\"worldoftime\"} 280", body, StringComparison.Ordinal);
        Assert.Contains("watchmon_site_errors_total{site=\"grimmeissen\"} 4", body, StringComparison.Ordinal);
        Assert.Contains("watchmon_site_webhook_stopped{site=\"grimmeissen\"} 1", body, StringComparison.Ordinal);

        server.Source.Snapshot = server.Source.Snapshot with { Cycles = 8 };
        Assert.Contains("watchmon_cycles_total 8", await client.GetStringAsync(new Uri(server.BaseAddress, "/metrics")), StringComparison.Ordinal);
        Assert.Empty(server.Logs.Errors);
    }

    [Fact]
    public async Task GetMetrics_RouteDestinations_SeriesByKeyAndNoSecret()
    {
        await using var server = await HealthTestServer.StartAsync();
        const string NtfyUrl = "ntfys://user:pa55-Secret@ntfy.example/watch-topic?token=tk_leakme";
        var destinations = new Dictionary<string, DestinationHealth>(StringComparer.Ordinal)
        {
            ["ntfy-0123456789ab"] = new(Notifications.Delivery.DestinationState.Stopped, 2, 1, null, null, null, 9, 3) { Failed = 1, Stopped = true, Name = "ntfys://ntfy.example/***" },
            ["grimmeissen"] = new(Notifications.Delivery.DestinationState.Idle, 0, 0, null, null, null, 4, 0),
            [NtfyUrl] = new(Notifications.Delivery.DestinationState.Idle, 5, 5, null, null, null, 5, 5),
        };
        server.Source.Snapshot = server.Source.Snapshot with { Destinations = destinations };
        using var client = new HttpClient();

        var metrics = await client.GetStringAsync(new Uri(server.BaseAddress, "/metrics"));

        Assert.Contains("watchmon_destination_pending{destination=\"ntfy-0123456789ab\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("watchmon_destination_sent_total{destination=\"ntfy-0123456789ab\"} 9", metrics, StringComparison.Ordinal);
        Assert.Contains("watchmon_destination_failed_total{destination=\"ntfy-0123456789ab\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("watchmon_destination_failed_attempts_total{destination=\"ntfy-0123456789ab\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains("watchmon_destination_stopped{destination=\"ntfy-0123456789ab\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("watchmon_destination_dead_letters{destination=\"ntfy-0123456789ab\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("watchmon_destination_sent_total{destination=\"grimmeissen\"} 4", metrics, StringComparison.Ordinal);
        foreach (var secret in new[] { "tk_leakme", "pa55-Secret", "watch-topic", "ntfy.example" })
        {
            Assert.DoesNotContain(secret, metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_UnknownPath_NotFound()
    {
        await using var server = await HealthTestServer.StartAsync();
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "/"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetHealth_SourceThrows_ServiceUnavailableAndLogged()
    {
        await using var server = await HealthTestServer.StartAsync();
        server.Source.Failure = new InvalidOperationException($"broken near {WebhookUrl}");
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "/health"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"status\": \"Unhealthy\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("leak-me", body, StringComparison.Ordinal);
        Assert.Contains(server.Logs.Errors, error => error.StartsWith("The health source failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_HealthDisabled_BindsNothing()
    {
        var port = FreePort();

        await using var server = await HealthTestServer.StartAsync($"http://127.0.0.1:{port}", enabled: "false");

        Assert.Empty(server.Addresses);
        using var probe = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Contains(server.Logs.Entries, entry => entry.Message.Contains("HEALTH_ENABLED=false", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_PortTaken_StopsTheHostWithTheReasonAndTheFix()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        await using var server = await HealthTestServer.StartAsync($"http://127.0.0.1:{port}");

        Assert.Empty(server.Addresses);
        Assert.True(server.Lifetime.ApplicationStopping.IsCancellationRequested);
        var expected = $"the health endpoint cannot listen on http://127.0.0.1:{port}/ (address already in use): another program, maybe another watchmon, uses that port. "
            + "Set Health__Url to a free port (e.g. http://127.0.0.1:8766) or HEALTH_ENABLED=false.";
        Assert.Equal(expected, server.Endpoints.BindFailure);
        Assert.Equal("Not starting: " + expected, Assert.Single(server.Logs.Errors));
    }

    [Fact]
    public async Task Start_Loopback_LogsAddressWithoutWarning()
    {
        await using var server = await HealthTestServer.StartAsync();

        Assert.Equal(IPAddress.Loopback.ToString(), server.BaseAddress.Host);
        Assert.Contains(server.Logs.Entries, entry => entry.Message.StartsWith($"Health endpoint and dashboard listening on {server.BaseAddress}", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Entries, entry => entry.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Start_AllInterfaces_WarnsThatOtherMachinesMayReachIt()
    {
        // Bound for the length of the test only, and asked over loopback: no traffic leaves the machine.
        await using var server = await HealthTestServer.StartAsync("http://0.0.0.0:0", accessToken: "a-token-of-sufficient-length");
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{server.BaseAddress.Port}/health"));
        using var metrics = await http.GetAsync(new Uri($"http://127.0.0.1:{server.BaseAddress.Port}/metrics"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        var warning = Assert.Single(server.Logs.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.StartsWith("Health endpoint and dashboard listen on http://0.0.0.0:0/, which other machines may reach", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Health__Url=http://127.0.0.1:8765", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AllInterfacesWithoutToken_Refused()
    {
        var exception = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => HealthTestServer.StartAsync("http://0.0.0.0:0"));

        Assert.Contains("Health__AccessToken", exception.Message, StringComparison.Ordinal);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static List<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(property => property.Name)];

    [Fact]
    public async Task GetMetrics_Leases_ShowInstanceHoldersAndUnheldSites()
    {
        await using var server = await HealthTestServer.StartAsync();
        var at = FakeHealthSource.At;
        server.Source.Snapshot = FakeHealthSource.Create(HealthStatus.Healthy) with
        {
            Instance = "host-a-4242",
            SitesHeld = new Dictionary<string, HeldLeaseHealth> { ["grimmeissen"] = new(at, at.AddSeconds(30), 12) },
            Deployment = new Dictionary<string, SiteLeaseHealth>
            {
                ["grimmeissen"] = new("host-a-4242", 12, at.AddSeconds(30), Healthy: true),
                ["worldoftime"] = new("host-b-77", 95, at.AddSeconds(20), Healthy: true),
                ["watch_out"] = new(null, null, at.AddSeconds(-5), Healthy: false, at.AddSeconds(-5)),
            },
        };
        using var client = new HttpClient();

        var metrics = await client.GetStringAsync(new Uri(server.BaseAddress, "/metrics"));
        var health = await client.GetStringAsync(new Uri(server.BaseAddress, "/health"));

        Assert.Contains("watchmon_instance_info{instance=\"host-a-4242\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("watchmon_site_lease_held{site=\"grimmeissen\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("watchmon_site_lease_held{site=\"worldoftime\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("watchmon_site_lease_age_seconds{site=\"worldoftime\"} 95", metrics, StringComparison.Ordinal);
        Assert.Contains("watchmon_site_lease_age_seconds{site=\"watch_out\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("watchmon_sites_unheld 1", metrics, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(health);
        Assert.Equal("host-a-4242", document.RootElement.GetProperty("instance").GetString());
        Assert.Equal("host-b-77", document.RootElement.GetProperty("deployment").GetProperty("worldoftime").GetProperty("holder").GetString());
        Assert.False(document.RootElement.GetProperty("deployment").GetProperty("watch_out").GetProperty("healthy").GetBoolean());
        Assert.Empty(server.Logs.Errors);
    }
}
