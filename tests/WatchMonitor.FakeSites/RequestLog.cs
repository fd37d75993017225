using System.Collections.Concurrent;
using WatchMonitor.FakeSites.Faults;

namespace WatchMonitor.FakeSites;

/// <summary>Counts requests per site and route, and keeps the most recent request lines. Bounded and thread-safe.</summary>
public sealed class RequestLog
{
    public const int RecentCapacity = 256;

    private readonly ConcurrentDictionary<(string Site, FaultRoute Route), long> _counts = new();
    private readonly Lock _gate = new();
    private readonly Queue<string> _recent = new();

    /// <summary>Requests to <paramref name="route"/> of <paramref name="siteKey"/> (exchange rate: any site key, e.g. "exchange").</summary>
    public long Count(string siteKey, FaultRoute route) => _counts.TryGetValue((siteKey, route), out var count) ? count : 0;

    public long Total => _counts.Values.Sum();

    /// <summary>The last <see cref="RecentCapacity"/> requests, oldest first: "GET /worldoftime/Watches/NewArrivals".</summary>
    public IReadOnlyList<string> Recent
    {
        get
        {
            lock (_gate)
            {
                return _recent.ToArray();
            }
        }
    }

    public void Clear()
    {
        _counts.Clear();
        lock (_gate)
        {
            _recent.Clear();
        }
    }

    internal void Record(string siteKey, FaultRoute route, string method, string pathAndQuery)
    {
        _counts.AddOrUpdate((siteKey, route), 1, static (_, count) => count + 1);
        lock (_gate)
        {
            _recent.Enqueue(method + " " + pathAndQuery);
            if (_recent.Count > RecentCapacity)
            {
                _recent.Dequeue();
            }
        }
    }
}
