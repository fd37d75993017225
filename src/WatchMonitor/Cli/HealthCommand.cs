using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;
using WatchMonitor.Monitoring.Health;

namespace WatchMonitor.Cli;

/// <summary>
/// <c>watchmon health</c>: asks the running monitor's <c>/health</c> endpoint and prints a short summary. Exit code
/// 0 Healthy, 1 Degraded, 2 Unhealthy or not reachable, so it serves as a probe for cron, systemd or a container.
/// </summary>
internal static class HealthCommand
{
    public const int Healthy = 0;
    public const int Degraded = 1;
    public const int Unhealthy = 2;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var url = new Option<string?>("--url")
        {
            Description = $"The monitor's health address (default: Health__Url from the environment, .env or appsettings.json, else {HealthOptions.DefaultUrl})",
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for an answer",
            DefaultValueFactory = _ => 5,
        };
        var command = new Command("health", "Ask the running monitor how it is: exit 0 Healthy, 1 Degraded, 2 Unhealthy or not reachable.")
        {
            url, timeout,
        };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(url), result.GetValue(timeout), output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? url, double timeoutSeconds, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (timeoutSeconds is <= 0 or > 300)
        {
            await error.WriteLineAsync("error: --timeout must be more than 0 and at most 300 seconds").ConfigureAwait(false);
            return Unhealthy;
        }

        var target = ResolveUrl(url, out var problem);
        if (target is null)
        {
            await error.WriteLineAsync("error: " + problem).ConfigureAwait(false);
            return Unhealthy;
        }

        HealthSnapshot? snapshot;
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(timeoutSeconds) };
            using var response = await client.GetAsync(target, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))
            {
                await error.WriteLineAsync($"error: {target} answered HTTP {(int)response.StatusCode}; is it a watchmon health endpoint?").ConfigureAwait(false);
                return Unhealthy;
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                snapshot = await JsonSerializer.DeserializeAsync(body, HealthJsonContext.Default.HealthSnapshot, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException exception)
        {
            await error.WriteLineAsync($"error: cannot reach {target}: {exception.Message}. Is watchmon running with HEALTH_ENABLED=true and this Health__Url?").ConfigureAwait(false);
            return Unhealthy;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"error: {target} gave no answer within {timeoutSeconds:0.#} s")).ConfigureAwait(false);
            return Unhealthy;
        }
        catch (JsonException)
        {
            snapshot = null;
        }

        if (snapshot?.Memory is null || snapshot.Sites is null)
        {
            await error.WriteLineAsync($"error: {target} did not answer with a watchmon health report").ConfigureAwait(false);
            return Unhealthy;
        }

        WriteSummary(output, snapshot, TimeProvider.System.GetUtcNow());
        return snapshot.Status switch
        {
            HealthStatus.Healthy => Healthy,
            HealthStatus.Degraded => Degraded,
            _ => Unhealthy,
        };
    }

    internal static Uri? ResolveUrl(string? url, out string problem)
    {
        problem = "";
        if (string.IsNullOrWhiteSpace(url))
        {
            url = HealthOptions.FromConfiguration(LoadConfiguration()).Url;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"'{url}' is not an http URL; use e.g. --url {HealthOptions.DefaultUrl}";
            return null;
        }

        if (uri.Port == 0)
        {
            problem = $"'{url}' has port 0 (a free port picked at start); give the port the monitor logged with --url";
            return null;
        }

        uri = HealthOptions.ClientUri(uri);
        return uri.AbsolutePath.EndsWith("/health", StringComparison.Ordinal) ? uri : new Uri(uri, uri.AbsolutePath.TrimEnd('/') + "/health");
    }

    internal static void WriteSummary(TextWriter output, HealthSnapshot snapshot, DateTimeOffset now)
    {
        output.WriteLine($"Status: {snapshot.Status}");
        foreach (var reason in snapshot.Reasons ?? [])
        {
            output.WriteLine($"  - {reason}");
        }

        var memory = snapshot.Memory;
        output.WriteLine(Format(
            $"Memory: {memory.RssMb:F0} MB resident, {memory.GcHeapMb:F0} MB managed (warning {memory.WarningThresholdMb:F0} MB, critical {memory.CriticalThresholdMb:F0} MB){(memory.Degraded ? ", degraded" : "")}"));
        output.WriteLine(snapshot.LastCycle is { } cycle
            ? Format($"Last cycle: ended {When(cycle.EndedAt, now)}, took {cycle.DurationSeconds:F1} s, {cycle.NewListings} new, {cycle.Errors} failed site(s); {snapshot.Cycles} cycle(s) since start")
            : "Last cycle: none yet");
        output.WriteLine(Format($"Outbox: {snapshot.Outbox} message(s) waiting"));
        foreach (var (key, site) in snapshot.Sites.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var state = site.ConsecutiveFailures > 0 ? Format($"FAILING x{site.ConsecutiveFailures}") : "ok";
            var notes = new List<string>();
            if (site.SuspectedLayoutChange)
            {
                notes.Add("layout change suspected");
            }

            if (site.WebhookStopped)
            {
                notes.Add("webhook stopped");
            }

            if (site.LastError is not null)
            {
                notes.Add(site.LastError);
            }

            var last = site.LastSuccessAt is { } at ? When(at, now) : "never";
            var line = Format($"  {key,-18} {state,-11} {site.ListingsLastCycle,4} listings, last success {last}");
            output.WriteLine(notes.Count == 0 ? line : $"{line}; {string.Join("; ", notes)}");
        }

        if (snapshot.Destinations is not { Count: > 0 } destinations)
        {
            return;
        }

        output.WriteLine("Delivery:");
        foreach (var (key, destination) in destinations.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var line = Format($"  {key,-18} {destination.State,-11} {destination.Pending,4} pending, {destination.DeadLetters} dead letter(s)");
            if (destination.NextAttemptAt is { } next && destination.State is not Notifications.Delivery.DestinationState.Delivering)
            {
                line += ", next attempt " + When(next, now);
            }

            output.WriteLine(destination.LastError is { } error ? $"{line}; {error}" : line);
        }
    }

    private static string When(DateTimeOffset at, DateTimeOffset now)
    {
        var ago = now - at;
        var relative = ago < TimeSpan.Zero ? ""
            : ago < TimeSpan.FromMinutes(2) ? Format($" ({(int)ago.TotalSeconds} s ago)")
            : ago < TimeSpan.FromHours(2) ? Format($" ({(int)ago.TotalMinutes} min ago)")
            : Format($" ({(int)ago.TotalHours} h ago)");
        return at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) + relative;
    }

    /// <summary>appsettings.json (next to the program, then the working directory), .env, then environment variables, as the monitor reads them.</summary>
    private static IConfiguration LoadConfiguration()
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        var dotEnv = Path.Combine(Directory.GetCurrentDirectory(), ".env");
        if (File.Exists(dotEnv))
        {
            builder.AddInMemoryCollection(DotEnvFile.Read(dotEnv));
        }

        return builder.AddEnvironmentVariables().Build();
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
