using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Sites;

namespace WatchMonitor.Currency;

/// <summary>The USD→EUR rate for Tropical Watch; never older than EXCHANGE_RATE_MAX_AGE (docs/dealers.md#tropicalwatch).</summary>
public sealed partial class ExchangeRateProvider(
    IPageFetcher fetcher,
    MonitorOptions options,
    TimeProvider timeProvider,
    ILogger<ExchangeRateProvider> logger)
{
    private readonly Lock _gate = new();
    private (decimal Rate, DateTimeOffset FetchedAt)? _cached;

    public async Task<decimal?> GetUsdToEurAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var cached = Cached();
        if (cached is { } fresh && now - fresh.FetchedAt < TimeSpan.FromSeconds(options.ExchangeRateCacheDurationSeconds))
        {
            return fresh.Rate;
        }

        try
        {
            var body = await fetcher.GetStringAsync(options.ExchangeRateApiUrl, cancellationToken).ConfigureAwait(false);
            var rate = ParseEurRate(body);
            RejectExpired(body, now);
            lock (_gate)
            {
                _cached = (rate, now);
            }

            return rate;
        }
        catch (Exception exception) when (exception is HttpRequestException or FormatException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The URL may carry an API key (…?access_key=…, or in the path): the log names the setting instead.
            var reason = exception.Message.Replace(options.ExchangeRateApiUrl, "EXCHANGE_RATE_API_URL", StringComparison.Ordinal);
            if (cached is { } stale && now - stale.FetchedAt < TimeSpan.FromSeconds(options.ExchangeRateMaxAgeSeconds))
            {
                Log.UsingStaleRate(logger, reason, stale.Rate, (now - stale.FetchedAt).TotalHours);
                return stale.Rate;
            }

            Log.NoRate(logger, reason);
            return null;
        }
    }

    /// <summary>Reads <c>rates.EUR</c>; rejects answers that are not a plausible rate.</summary>
    /// <exception cref="FormatException">Not JSON, no EUR rate, or an implausible one.</exception>
    public static decimal ParseEurRate(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("rates", out var rates)
                && rates.ValueKind == JsonValueKind.Object
                && rates.TryGetProperty("EUR", out var eur)
                && eur.ValueKind == JsonValueKind.Number
                && eur.TryGetDecimal(out var rate)
                && rate is > 0.1m and < 10m)
            {
                return rate;
            }
        }
        catch (JsonException exception)
        {
            throw new FormatException("The exchange-rate answer is not JSON: " + exception.Message, exception);
        }

        throw new FormatException("The exchange-rate answer has no plausible rates.EUR number.");
    }

    // An answer dated more than the maximum age plus a day back (the API publishes daily) is a stale cache or mirror.
    private void RejectExpired(string body, DateTimeOffset now)
    {
        if (AnswerDate(body) is not { } dated)
        {
            return;
        }

        var limit = TimeSpan.FromSeconds(options.ExchangeRateMaxAgeSeconds) + TimeSpan.FromDays(1);
        if (now - dated > limit)
        {
            throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"the exchange-rate answer is dated {dated:yyyy-MM-dd HH:mm} UTC, {(now - dated).TotalDays:F0} days ago: the API or a cache in between serves an expired rate"));
        }
    }

    /// <summary>When the API says its rate was published: <c>time_last_updated</c> (Unix seconds), else <c>date</c>.</summary>
    public static DateTimeOffset? AnswerDate(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("time_last_updated", out var updated) && updated.TryGetInt64(out var seconds)
                && seconds is > 0 and < 253_402_300_800)
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }

            return root.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParseExact(date.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day)
                ? day
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private (decimal Rate, DateTimeOffset FetchedAt)? Cached()
    {
        lock (_gate)
        {
            return _cached;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the USD→EUR rate ({Reason}); using the last rate {Rate} from {AgeHours:F1} h ago. Check EXCHANGE_RATE_API_URL if this persists.")]
        public static partial void UsingStaleRate(ILogger logger, string reason, decimal rate, double ageHours);

        [LoggerMessage(Level = LogLevel.Warning, Message = "No usable USD→EUR rate ({Reason}); Tropical Watch prices are shown in USD. Check EXCHANGE_RATE_API_URL.")]
        public static partial void NoRate(ILogger logger, string reason);
    }
}
