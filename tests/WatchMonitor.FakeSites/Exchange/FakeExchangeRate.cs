using System.Globalization;
using System.Text;

namespace WatchMonitor.FakeSites.Exchange;

/// <summary>
/// exchangerate-api.com's <c>GET /v4/latest/USD</c>: <c>{"base":"USD","rates":{"EUR":0.92,…}}</c>. The EUR rate is
/// settable; the other rates are fixed decoration. Thread-safe.
/// </summary>
public sealed class FakeExchangeRate
{
    public const decimal DefaultEurRate = 0.92m;

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private decimal _eurRate = DefaultEurRate;
    private long _requests;

    internal FakeExchangeRate(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    public decimal EurRate
    {
        get
        {
            lock (_gate)
            {
                return _eurRate;
            }
        }

        set
        {
            lock (_gate)
            {
                _eurRate = value;
            }
        }
    }

    /// <summary>Requests answered with a rate (faulted ones are not counted).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public void Reset()
    {
        EurRate = DefaultEurRate;
        Interlocked.Exchange(ref _requests, 0);
    }

    internal FakeResponse Handle(string baseCurrency) => Handle(baseCurrency, TimeSpan.Zero);

    /// <summary>The answer as the API gave it <paramref name="age"/> ago; a dated answer is not counted.</summary>
    internal FakeResponse Handle(string baseCurrency, TimeSpan age)
    {
        if (!string.Equals(baseCurrency, "USD", StringComparison.OrdinalIgnoreCase))
        {
            return FakeResponse.Json(404, """{"result":"error","error-type":"unsupported-code"}""");
        }

        if (age == TimeSpan.Zero)
        {
            Interlocked.Increment(ref _requests);
        }

        var now = _timeProvider.GetUtcNow() - age;
        var rate = EurRate.ToString(CultureInfo.InvariantCulture);
        var body = new StringBuilder()
            .Append("{\"provider\":\"https://www.exchangerate-api.com\",")
            .Append("\"WARNING_UPGRADE_TO_V6\":\"https://www.exchangerate-api.com/docs/free\",")
            .Append("\"terms\":\"https://www.exchangerate-api.com/terms\",")
            .Append(CultureInfo.InvariantCulture, $"\"base\":\"USD\",\"date\":\"{now:yyyy-MM-dd}\",\"time_last_updated\":{now.ToUnixTimeSeconds() / 86_400 * 86_400},")
            .Append(CultureInfo.InvariantCulture, $"\"rates\":{{\"USD\":1,\"AED\":3.67,\"CHF\":0.8,\"EUR\":{rate},\"GBP\":0.79,\"JPY\":151.2}}}}")
            .ToString();
        return FakeResponse.Json(200, body);
    }
}
