using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.FakeSites.Discord;

/// <summary>
/// Discord's execute-webhook endpoint, one webhook per site: validates payloads against the documented limits,
/// records accepted messages, sends the rate-limit headers, and misbehaves on request (429 every Nth post, on a
/// seeded random fraction or globally; 5xx bursts; deleted webhooks; revoked tokens). Thread-safe.
/// </summary>
public sealed partial class FakeDiscord
{
    private const long DiscordEpochMilliseconds = 1_420_070_400_000;
    private const long FirstWebhookId = 1_300_000_000_000_000_001;

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly FakeWebhook[] _webhooks;
    private readonly Dictionary<string, (DateTimeOffset Start, int Count, long Posts)> _buckets = new(StringComparer.Ordinal);
    private long _sequence;

    private (int Every, double RetryAfter, string? SiteKey)? _everyNth;
    private (double Fraction, Random Random, double RetryAfter, string? SiteKey)? _fraction;
    private (int? Remaining, double RetryAfter)? _global;
    private (int Remaining, int StatusCode, string? SiteKey)? _serverErrors;
    private bool _enforceBucket;
    private int _bucketLimit = 5;
    private TimeSpan _bucketWindow = TimeSpan.FromSeconds(2);

    internal FakeDiscord(IEnumerable<string> siteKeys, int capacity, TimeProvider timeProvider, ILogger logger)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        _webhooks = siteKeys
            .Select((key, index) => new FakeWebhook(
                key,
                (FirstWebhookId + index).ToString(CultureInfo.InvariantCulture),
                "FakeToken-" + key.Replace('_', '-') + "-" + new string('x', 40),
                capacity))
            .ToArray();
    }

    /// <summary>The webhooks of the six built-in dealers; <see cref="AllWebhooks"/> adds those of the platform shops.</summary>
    public IReadOnlyList<FakeWebhook> Webhooks => _webhooks.Take(BuiltInCount).ToArray();

    /// <summary>Every webhook, the platform shops' included.</summary>
    public IReadOnlyList<FakeWebhook> AllWebhooks => _webhooks;

    /// <summary>How many of the webhooks, from the first, belong to built-in dealers.</summary>
    internal int BuiltInCount { get; init; } = int.MaxValue;

    /// <exception cref="KeyNotFoundException">No webhook for that site.</exception>
    public FakeWebhook Webhook(string siteKey) =>
        Array.Find(_webhooks, webhook => webhook.SiteKey == siteKey) ?? throw new KeyNotFoundException($"No fake webhook for site '{siteKey}'.");

    /// <summary>Messages accepted over all webhooks since the last clear.</summary>
    public long TotalAccepted => _webhooks.Sum(webhook => webhook.Stats.Accepted);

    /// <summary>Posts per window before <c>X-RateLimit-Remaining</c> reaches 0; Discord allows about 5 per 2 s per webhook.</summary>
    public int BucketLimit
    {
        get
        {
            lock (_gate)
            {
                return _bucketLimit;
            }
        }
    }

    /// <summary>429 on every <paramref name="every"/>th post (per webhook), e.g. 3 → posts 3, 6, 9 are refused.</summary>
    public void RateLimitEveryNth(int every, double retryAfterSeconds = 0.35, string? siteKey = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        lock (_gate)
        {
            _everyNth = (every, retryAfterSeconds, siteKey);
            foreach (var key in _buckets.Keys.ToArray())
            {
                _buckets[key] = _buckets[key] with { Posts = 0 };
            }
        }
    }

    /// <summary>429 on a random <paramref name="fraction"/> of posts, drawn from <paramref name="seed"/> so runs repeat.</summary>
    public void RateLimitFraction(double fraction, int seed, double retryAfterSeconds = 0.35, string? siteKey = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        lock (_gate)
        {
            _fraction = (fraction, new Random(seed), retryAfterSeconds, siteKey);
        }
    }

    /// <summary>A global 429 (<c>"global": true</c>, <c>X-RateLimit-Global</c>) for the next <paramref name="times"/> posts on any webhook; null = until cleared.</summary>
    public void GlobalRateLimit(int? times = 1, double retryAfterSeconds = 1.0)
    {
        lock (_gate)
        {
            _global = (times, retryAfterSeconds);
        }
    }

    /// <summary>The next <paramref name="times"/> posts answer <paramref name="statusCode"/> (500, 502, 503…).</summary>
    public void ServerErrors(int times, int statusCode = 500, string? siteKey = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        lock (_gate)
        {
            _serverErrors = (times, statusCode, siteKey);
        }
    }

    /// <summary>Refuses posts beyond <paramref name="limit"/> per <paramref name="window"/> per webhook with 429, as Discord does.</summary>
    public void EnforceBucket(int limit = 5, TimeSpan? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_gate)
        {
            _enforceBucket = true;
            _bucketLimit = limit;
            _bucketWindow = window ?? TimeSpan.FromSeconds(2);
        }
    }

    /// <summary>Ends every misbehaviour mode (429s, 5xx, bucket enforcement); webhooks stay as they are.</summary>
    public void ClearModes()
    {
        lock (_gate)
        {
            _everyNth = null;
            _fraction = null;
            _global = null;
            _serverErrors = null;
            _enforceBucket = false;
            _bucketLimit = 5;
            _bucketWindow = TimeSpan.FromSeconds(2);
            _buckets.Clear();
        }
    }

    /// <summary>Modes cleared, webhooks restored and emptied.</summary>
    public void Reset()
    {
        ClearModes();
        foreach (var webhook in _webhooks)
        {
            webhook.Deleted = false;
            webhook.Unauthorized = false;
            webhook.Clear();
        }
    }

    /// <summary>PATCH <c>/webhooks/{id}/{token}/messages/{messageId}</c>: replaces the message's embeds, as Discord does.</summary>
    internal FakeResponse HandleEdit(string id, string token, string messageId, ReadOnlySpan<byte> body)
    {
        var webhook = Array.Find(_webhooks, candidate => candidate.Id == id);
        if (webhook is null || webhook.Deleted)
        {
            return FakeResponse.Json(404, """{"message": "Unknown Webhook", "code": 10015}""");
        }

        if (webhook.Unauthorized || !string.Equals(token, webhook.Token, StringComparison.Ordinal))
        {
            return FakeResponse.Json(401, """{"message": "Invalid Webhook Token", "code": 50027}""");
        }

        var payload = DiscordPayload.Read(body);
        if (payload.ErrorJson is { } error)
        {
            return FakeResponse.Json(400, error);
        }

        var now = _timeProvider.GetUtcNow();
        var edited = webhook.Edit(messageId, message => message with
        {
            Embeds = payload.Embeds,
            Content = payload.Content ?? message.Content,
            AllowedMentions = payload.AllowedMentions,
            Edits = message.Edits + 1,
        });
        return edited
            ? FakeResponse.Json(200, MessageJson(webhook, messageId, now, payload))
            : FakeResponse.Json(404, """{"message": "Unknown Message", "code": 10008}""");
    }

    internal FakeResponse Handle(string id, string token, bool wait, ReadOnlySpan<byte> body)
    {
        var webhook = Array.Find(_webhooks, candidate => candidate.Id == id);
        if (webhook is null || webhook.Deleted)
        {
            webhook?.CountNotFound();
            return FakeResponse.Json(404, """{"message": "Unknown Webhook", "code": 10015}""");
        }

        if (webhook.Unauthorized || !string.Equals(token, webhook.Token, StringComparison.Ordinal))
        {
            webhook.CountUnauthorized();
            return FakeResponse.Json(401, """{"message": "Invalid Webhook Token", "code": 50027}""");
        }

        webhook.CountPost();
        var now = _timeProvider.GetUtcNow();
        var (refusal, headers) = Admit(webhook, now);
        if (refusal is not null)
        {
            return refusal;
        }

        var payload = DiscordPayload.Read(body);
        if (payload.ErrorJson is { } error)
        {
            webhook.CountRejected();
            Log.Rejected(_logger, webhook.SiteKey, error);
            return FakeResponse.Json(400, error) with { Headers = headers };
        }

        var messageId = NextSnowflake(now);
        // A forum post's thread takes the id of its first message, as in Discord.
        var threadId = payload.ThreadName is null ? null : messageId;
        webhook.Accept(new ReceivedMessage(Interlocked.Increment(ref _sequence), messageId, webhook.SiteKey, now, payload.Content, payload.Embeds)
        {
            AllowedMentions = payload.AllowedMentions,
            ThreadName = payload.ThreadName,
            ThreadId = threadId,
        });
        return wait
            ? FakeResponse.Json(200, MessageJson(webhook, messageId, now, payload, threadId)) with { Headers = headers }
            : FakeResponse.Empty(204) with { Headers = headers };
    }

    // Decides, under one lock, whether this post is refused (429 / 5xx) and what rate-limit headers it carries.
    private (FakeResponse? Refusal, IReadOnlyList<KeyValuePair<string, string>> Headers) Admit(FakeWebhook webhook, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_global is { } global)
            {
                _global = global.Remaining switch
                {
                    null => global,
                    <= 1 => null,
                    var remaining => (remaining - 1, global.RetryAfter),
                };
                webhook.CountRateLimited();
                return (RateLimited(global.RetryAfter, isGlobal: true, []), []);
            }

            if (_serverErrors is { } errors && (errors.SiteKey is null || errors.SiteKey == webhook.SiteKey))
            {
                _serverErrors = errors.Remaining <= 1 ? null : errors with { Remaining = errors.Remaining - 1 };
                webhook.CountServerError();
                return (ServerError(errors.StatusCode), []);
            }

            var bucket = _buckets.TryGetValue(webhook.Id, out var existing) && now < existing.Start + _bucketWindow
                ? existing
                : (Start: now, Count: 0, Posts: existing.Posts);
            var posts = bucket.Posts + 1;
            var resetAfter = (bucket.Start + _bucketWindow - now).TotalSeconds;
            var overBucket = _enforceBucket && bucket.Count >= _bucketLimit;
            var count = overBucket ? bucket.Count : bucket.Count + 1;
            _buckets[webhook.Id] = (bucket.Start, count, posts);
            var headers = RateLimitHeaders(webhook, _bucketLimit, Math.Max(0, _bucketLimit - count), bucket.Start + _bucketWindow, resetAfter);

            double? retryAfter = null;
            if (_everyNth is { } nth && (nth.SiteKey is null || nth.SiteKey == webhook.SiteKey) && posts % nth.Every == 0)
            {
                retryAfter = nth.RetryAfter;
            }
            else if (_fraction is { } fraction && (fraction.SiteKey is null || fraction.SiteKey == webhook.SiteKey)
                && fraction.Random.NextDouble() < fraction.Fraction)
            {
                retryAfter = fraction.RetryAfter;
            }
            else if (overBucket)
            {
                retryAfter = Math.Round(resetAfter, 3);
            }

            if (retryAfter is { } seconds)
            {
                webhook.CountRateLimited();
                var limited = RateLimitHeaders(webhook, _bucketLimit, 0, now + TimeSpan.FromSeconds(seconds), seconds);
                return (RateLimited(seconds, isGlobal: false, limited), headers);
            }

            return (null, headers);
        }
    }

    // Retry-After is whole seconds (rounded up) as in Discord's documentation; retry_after and
    // X-RateLimit-Reset-After carry the fractional value.
    private static FakeResponse RateLimited(double retryAfter, bool isGlobal, IReadOnlyList<KeyValuePair<string, string>> rateLimitHeaders)
    {
        var seconds = Seconds(retryAfter);
        var body = $$"""{"message": "You are being rate limited.", "retry_after": {{seconds}}, "global": {{(isGlobal ? "true" : "false")}}}""";
        var headers = new List<KeyValuePair<string, string>>(rateLimitHeaders)
        {
            new("Retry-After", Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture)),
        };
        if (isGlobal)
        {
            headers.Add(new("X-RateLimit-Global", "true"));
            headers.Add(new("X-RateLimit-Scope", "global"));
        }

        return FakeResponse.Json(429, body) with { Headers = headers };
    }

    private static FakeResponse ServerError(int statusCode) => statusCode == 500
        ? FakeResponse.Json(500, """{"message": "500: Internal Server Error", "code": 0}""")
        // Gateways in front of Discord answer with HTML, not JSON.
        : new FakeResponse(statusCode, $"<html><head><title>{statusCode}</title></head><body><center><h1>{statusCode}</h1></center><hr><center>cloudflare</center></body></html>", "text/html");

    private static IReadOnlyList<KeyValuePair<string, string>> RateLimitHeaders(FakeWebhook webhook, int limit, int remaining, DateTimeOffset reset, double resetAfter) =>
    [
        new("X-RateLimit-Limit", limit.ToString(CultureInfo.InvariantCulture)),
        new("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture)),
        new("X-RateLimit-Reset", (reset.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture)),
        new("X-RateLimit-Reset-After", Seconds(resetAfter)),
        new("X-RateLimit-Bucket", "fake" + webhook.Id[^8..]),
        new("X-RateLimit-Scope", "user"),
    ];

    // Discord writes seconds with up to three decimals: "0.35", "1.953".
    private static string Seconds(double seconds) => Math.Max(0, Math.Round(seconds, 3)).ToString("0.###", CultureInfo.InvariantCulture);

    private string NextSnowflake(DateTimeOffset now) =>
        (((now.ToUnixTimeMilliseconds() - DiscordEpochMilliseconds) << 22) | (Interlocked.Increment(ref _sequence) & 0xFFF)).ToString(CultureInfo.InvariantCulture);

    private static string MessageJson(FakeWebhook webhook, string messageId, DateTimeOffset now, PayloadResult payload, string? threadId = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("type", 0);
            json.WriteString("content", payload.Content ?? "");
            json.WriteStartArray("mentions");
            json.WriteEndArray();
            json.WriteStartArray("attachments");
            json.WriteEndArray();
            json.WritePropertyName("embeds");
            json.WriteRawValue(payload.EmbedsJson);
            json.WriteString("timestamp", now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));
            json.WriteNull("edited_timestamp");
            json.WriteNumber("flags", 0);
            json.WriteString("id", messageId);
            json.WriteString("channel_id", threadId ?? "1200000000000000000");
            json.WriteStartObject("author");
            json.WriteString("id", webhook.Id);
            json.WriteString("username", "Watch Monitor");
            json.WriteBoolean("bot", true);
            json.WriteEndObject();
            json.WriteBoolean("pinned", false);
            json.WriteBoolean("tts", false);
            json.WriteString("webhook_id", webhook.Id);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Fake Discord refused a message to the {Site} webhook: {Error}")]
        public static partial void Rejected(ILogger logger, string site, string error);
    }
}
