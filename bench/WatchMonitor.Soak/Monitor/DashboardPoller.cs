using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace WatchMonitor.Soak.Monitor;

/// <summary>
/// A browser left open on the dashboard: every <c>--poll-dashboard-seconds</c> of wall time it loads <c>/</c> and
/// <c>/api/listings</c> from the monitor while the cycles run, so the soak shows what the dashboard costs in memory.
/// </summary>
internal sealed class DashboardPoller : IAsyncDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _base;
    private readonly TimeSpan _every;
    private readonly Task _loop;
    private long _pages;
    private long _failures;
    private long _bytes;
    private double _slowestMs;

    private DashboardPoller(Uri baseAddress, TimeSpan every)
    {
        _base = baseAddress;
        _every = every;
        _loop = Task.Run(() => PollAsync(_stop.Token));
    }

    /// <summary>Null when polling is off or the monitor has no endpoint.</summary>
    public static DashboardPoller? Start(string? healthUrl, int seconds) =>
        seconds <= 0 || healthUrl is null ? null : new DashboardPoller(new Uri(healthUrl), TimeSpan.FromSeconds(seconds));

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"dashboard polled every {_every.TotalSeconds:F0} s: {Interlocked.Read(ref _pages)} answers ({Interlocked.Read(ref _bytes) / 1024.0 / Math.Max(1, Interlocked.Read(ref _pages)):F1} KB each on average), {Interlocked.Read(ref _failures)} failed, slowest {_slowestMs:F0} ms");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while a request or the wait was under way.
        }

        _stop.Dispose();
        _client.Dispose();
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var path in new[] { "/", "/api/listings" })
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await _client.GetAsync(new Uri(_base, path), cancellationToken).ConfigureAwait(false);
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref _bytes, body.Length);
                    Interlocked.Increment(ref response.StatusCode == HttpStatusCode.OK ? ref _pages : ref _failures);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref _failures);
                }

                _slowestMs = Math.Max(_slowestMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await Task.Delay(_every, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }
}
