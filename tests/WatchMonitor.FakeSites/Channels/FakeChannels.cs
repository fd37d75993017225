using System.Globalization;
using System.Text.Json;

namespace WatchMonitor.FakeSites.Channels;

/// <summary>A request one of the fake notification services accepted: which service, the path and the body as JSON.</summary>
public sealed record ChannelRequest(long Sequence, string Service, string Path, string? Authorization, string Body)
{
    /// <summary>A string member of the body ("title", "caption", "chat_id"…); null when absent.</summary>
    public string? Text(string name)
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }
}

/// <summary>
/// Fake ntfy (<c>POST /ntfy/</c>, JSON publishing), Telegram bot API (<c>POST /telegram/bot{token}/{method}</c>), Slack
/// incoming webhooks (<c>POST /slack/services/…</c>) and JSON endpoints (<c>POST /json/…</c>) on the fake sites'
/// server. Records what each accepted (the last <see cref="Capacity"/>), and answers 404 for a service marked gone.
/// Thread-safe.
/// </summary>
public sealed class FakeChannels
{
    public const string Ntfy = "ntfy";
    public const string Telegram = "telegram";
    public const string Slack = "slack";
    public const string Json = "json";

    /// <summary>The bot token the fake Telegram accepts.</summary>
    public const string TelegramToken = "123456789:FakeTelegramToken-abcdefghijklmnopqrstu";

    private const int Capacity = 1000;
    private readonly Lock _gate = new();
    private readonly Queue<ChannelRequest> _requests = new();
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    /// <summary>Accepted requests of <paramref name="service"/>, oldest first.</summary>
    public IReadOnlyList<ChannelRequest> Received(string service)
    {
        lock (_gate)
        {
            return [.. _requests.Where(request => request.Service == service)];
        }
    }

    /// <summary>Every accepted request, oldest first.</summary>
    public IReadOnlyList<ChannelRequest> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>From now on <paramref name="service"/> answers 404, as after its topic, chat or webhook was deleted.</summary>
    public void MarkGone(string service, bool gone = true)
    {
        lock (_gate)
        {
            if (gone)
            {
                _gone.Add(service);
            }
            else
            {
                _gone.Remove(service);
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _gone.Clear();
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> requests of <paramref name="service"/> are kept.</summary>
    public async Task<IReadOnlyList<ChannelRequest>> WaitForAsync(string service, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var received = _requests.Where(request => request.Service == service).ToList();
                if (received.Count >= count)
                {
                    return received;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal FakeResponse Handle(string service, string path, string? authorization, string body)
    {
        lock (_gate)
        {
            if (_gone.Contains(service))
            {
                return service == Telegram
                    ? FakeResponse.Json(400, """{"ok": false, "error_code": 400, "description": "Bad Request: chat not found"}""")
                    : FakeResponse.Json(404, """{"error": "not found"}""");
            }
        }

        if (service == Telegram && !path.StartsWith("/telegram/bot" + TelegramToken + "/", StringComparison.Ordinal))
        {
            return FakeResponse.Json(401, """{"ok": false, "error_code": 401, "description": "Unauthorized"}""");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return FakeResponse.Json(400, """{"error": "invalid JSON"}""");
        }

        TaskCompletionSource changed;
        long sequence;
        lock (_gate)
        {
            sequence = ++_sequence;
            _requests.Enqueue(new ChannelRequest(sequence, service, path, authorization, body));
            while (_requests.Count > Capacity)
            {
                _requests.Dequeue();
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return service switch
        {
            Telegram => FakeResponse.Json(200, "{\"ok\": true, \"result\": {\"message_id\": " + sequence.ToString(CultureInfo.InvariantCulture) + "}}"),
            Slack => new FakeResponse(200, "ok", "text/plain"),
            Ntfy => FakeResponse.Json(200, "{\"id\": \"m" + sequence.ToString(CultureInfo.InvariantCulture) + "\", \"event\": \"message\"}"),
            _ => FakeResponse.Json(200, "{}"),
        };
    }
}

/// <summary>
/// How the monitor reaches the fake channels. Slack webhooks live only on hooks.slack.com, so a test rewrites that
/// host to <paramref name="SlackLoopbackBase"/> in the monitor's HTTP pipeline.
/// </summary>
public sealed record ChannelUrls(string Ntfy, string Telegram, string TelegramApiUrl, string Slack, string SlackLoopbackBase, string Json);
