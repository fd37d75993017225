using System.Net;
using WatchMonitor.Soak.Report;

namespace WatchMonitor.Soak.Monitor;

/// <summary>
/// Reads the monitor's <c>/health</c> and <c>/metrics</c> once per cycle, as a Prometheus scraper and an uptime check
/// would, so the endpoint's own memory is part of what the soak measures.
/// </summary>
internal sealed class HealthScraper(string? healthUrl) : IDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Uri? _base = healthUrl is null ? null : new Uri(healthUrl);

    public async Task ScrapeAsync(SoakResults results, CancellationToken cancellationToken)
    {
        if (_base is null)
        {
            return;
        }

        foreach (var path in new[] { "health", "metrics" })
        {
            results.HealthScrapes++;
            try
            {
                using var response = await _client.GetAsync(new Uri(_base, path), cancellationToken).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                // 503 is /health's honest answer for an unhealthy monitor; anything else but 200 is a broken endpoint.
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))
                {
                    results.HealthScrapeFailures++;
                }
            }
            catch (HttpRequestException)
            {
                results.HealthScrapeFailures++;
            }
        }
    }

    public void Dispose() => _client.Dispose();
}
