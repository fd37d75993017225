using Microsoft.Extensions.Logging;
using WatchMonitor.Demo.Listings;

namespace WatchMonitor.Demo;

/// <summary>Lists a new watch at one of the <see cref="DemoDealers"/> every <c>period</c>, the dealers taking turns.</summary>
public sealed partial class DemoArrivals(DemoDealers dealers, TimeProvider timeProvider, TimeSpan period, ILogger<DemoArrivals> logger) : IDisposable
{
    private ITimer? _timer;

    /// <summary>Raised after each arrival, with the dealer's key and the new listing.</summary>
    public event Action<string, FakeListing>? Arrived;

    public void Start() => _timer ??= timeProvider.CreateTimer(_ => Arrive(), null, period, period);

    public void Arrive()
    {
        var (siteKey, listing) = dealers.AddArrival();
        Log.Listed(logger, siteKey, listing.Brand, listing.Model, listing.Reference);
        Arrived?.Invoke(siteKey, listing);
    }

    public void Dispose() => _timer?.Dispose();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Site} lists a new watch ({Brand} {Model} {Reference}); the next cycle should alert it")]
        public static partial void Listed(ILogger logger, string site, string brand, string model, string reference);
    }
}
