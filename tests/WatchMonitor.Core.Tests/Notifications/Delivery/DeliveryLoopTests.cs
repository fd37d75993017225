using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Configuration;
using WatchMonitor.Monitoring;
using WatchMonitor.Notifications;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Channels;
using WatchMonitor.Notifications.Channels.Discord;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.State;
using WatchMonitor.Sites;

namespace WatchMonitor.Core.Tests.Notifications.Delivery;

public sealed class DeliveryLoopTests : IAsyncDisposable
{
    private const string Key = "grimmeissen";
    private const string Webhook = "https://discord.test/api/webhooks/1/token";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryOutbox _outbox = new();
    private readonly ScriptedDiscord _discord = new();
    private readonly DeliveryCounters _counters = new();
    private readonly DestinationBoard _board;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _destinationKey;
    private Task? _loop;

    public DeliveryLoopTests()
    {
        var sites = SiteCatalog.All
            .Select(site => new MonitoredSite(site, SiteEndpoints.Defaults(site), site.Key == Key ? Webhook : null, Enabled: true))
            .ToList();
        _board = new DestinationBoard(new MonitorOptions(), sites);
        _board.StateReady();
        _destinationKey = Assert.Single(_board.Destinations).Key;
    }

    [Fact]
    public async Task RunAsync_TwelveQueued_PostsTenThenTwoAndRecordsDiscordsMessageIds()
    {
        _outbox.Add(12);

        await StartAndSettleAsync();

        Assert.Equal([10, 2], _discord.EmbedCounts);
        Assert.Empty(_outbox.Pending);
        Assert.Equal(["m1", "m2"], _outbox.Delivered.Select(delivered => delivered.RemoteMessageId).Distinct());
        Assert.Equal(12, _counters.TotalSent);
    }

    [Fact]
    public async Task RunAsync_UnreadablePayload_DeadLettersItAtOnceAndDeliversTheRest()
    {
        _outbox.Add(1);
        _outbox.Add("{\"title\": \"cut off");
        _outbox.Add(1);

        await StartAndSettleAsync();

        Assert.Equal([2], _discord.EmbedCounts);
        var dead = Assert.Single(_outbox.DeadLetters);
        Assert.Contains("not a readable Discord embed", dead.Reason, StringComparison.Ordinal);
        Assert.Empty(_outbox.Pending);
    }

    [Fact]
    public async Task RunAsync_400ForOneEmbed_SplitsTheMessageAndDeadLettersOnlyThatOne()
    {
        _outbox.Add(2);
        _outbox.Add(JsonSerializer.Serialize(new DiscordEmbed { Title = "bad" }, DiscordJsonContext.Default.DiscordEmbed));
        _outbox.Add(1);
        _discord.Answer = embeds => embeds.Any(embed => embed.Title == "bad")
            ? Json(HttpStatusCode.BadRequest, """{"message": "Invalid Form Body", "code": 50035}""")
            : null;

        await StartAndSettleAsync();

        // The batch of four, then each alone.
        Assert.Equal([4, 1, 1, 1, 1], _discord.EmbedCounts);
        var dead = Assert.Single(_outbox.DeadLetters);
        Assert.Contains("Invalid Form Body", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(3, _outbox.Delivered.Count);
        Assert.Equal((0L, 1L), _counters.AttemptsForSite(Key));
    }

    [Fact]
    public async Task RunAsync_SharedQueueFilledElsewhere_LooksAgainAfterTheIdlePollWithoutAWakeUp()
    {
        _outbox.IdlePoll = TimeSpan.FromSeconds(2);
        await StartAndSettleAsync();

        // Queued by another instance: nothing here wakes the loop.
        _outbox.Add(1);
        await SettleAsync();
        Assert.Empty(_discord.EmbedCounts);

        _time.Advance(TimeSpan.FromSeconds(2));
        await SettleAsync();
        Assert.Equal([1], _discord.EmbedCounts);
        Assert.Empty(_outbox.Pending);
    }

    [Fact]
    public async Task RunAsync_WebhookGone_StopsRefusesNewMessagesAndProbesHourly()
    {
        _outbox.Add(3);
        _discord.Answer = _ => Json(HttpStatusCode.NotFound, """{"message": "Unknown Webhook", "code": 10015}""");

        await StartAndSettleAsync();

        Assert.Equal([3], _discord.EmbedCounts);
        Assert.False(_board.IsAccepting(_destinationKey));
        var reading = Assert.Single(_board.Read());
        Assert.Equal(DestinationState.Stopped, reading.State);
        Assert.Equal(_time.GetUtcNow() + DeliveryLoop.StoppedWebhookProbeInterval, reading.NextAttemptAt);

        // Waking it does not make it post: it waits for the probe.
        _board.Wake(_destinationKey);
        await SettleAsync();
        Assert.Single(_discord.EmbedCounts);

        // The probe is one message; once it is accepted, the rest follow and new messages are accepted again.
        _discord.Answer = null;
        _time.Advance(DeliveryLoop.StoppedWebhookProbeInterval);
        await SettleAsync();
        Assert.Equal([3, 1, 2], _discord.EmbedCounts);
        Assert.True(_board.IsAccepting(_destinationKey));
        Assert.Empty(_outbox.Pending);
    }

    [Fact]
    public async Task RunAsync_ServerErrors_BacksOffPerDestinationWithoutHammering()
    {
        _outbox.Add(2);
        _discord.Answer = _ => Json(HttpStatusCode.BadGateway, "<html>502</html>");

        await StartAndSettleAsync();
        _board.Wake(_destinationKey);
        await SettleAsync();

        Assert.Single(_discord.EmbedCounts);
        var reading = Assert.Single(_board.Read());
        Assert.Equal(DestinationState.Waiting, reading.State);
        Assert.InRange(reading.NextAttemptAt!.Value - _time.GetUtcNow(), TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2.4));
        Assert.All(_outbox.Pending, message => Assert.Equal(1, message.Attempts));

        _discord.Answer = null;
        _time.Advance(TimeSpan.FromSeconds(3));
        await SettleAsync();
        Assert.Equal(2, _discord.EmbedCounts.Count);
        Assert.Empty(_outbox.Pending);
    }

    [Fact]
    public void Wake_WhileTheLoopIsBusy_IsKeptForItsNextSleep()
    {
        var destination = Assert.Single(_board.Destinations);

        // Queued while the loop posts: the loop must not sleep through it.
        _board.Wake(_destinationKey);
        Assert.True(destination.BeginSleep(until: null).IsCompleted);

        var sleep = destination.BeginSleep(until: null);
        Assert.False(sleep.IsCompleted);
        Assert.True(destination.IsSettled(_time.GetUtcNow(), _time.GetUtcNow()));
        _board.Wake(_destinationKey);
        Assert.True(sleep.IsCompleted);
        Assert.False(destination.IsSettled(_time.GetUtcNow(), _time.GetUtcNow()));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    private async Task StartAndSettleAsync()
    {
        var destination = Assert.Single(_board.Destinations);
        var client = new DiscordWebhookClient(new HttpClient(_discord), NullLogger<DiscordWebhookClient>.Instance);
        // Embeds queued by earlier versions are never edited: the alert store is not touched.
        var alerts = new AlertMessages(new StateDatabase(Path.Combine(Path.GetTempPath(), "watchmon-unused.db"), NullLogger<StateDatabase>.Instance), _time);
        var sender = new DiscordSender(client, new ListingEmbedBuilder(_time), alerts, new NotificationOptions(), NullLogger<DiscordSender>.Instance);
        var loop = new DeliveryLoop(destination, _board, _outbox, sender, new SiteStatusBoard(), _counters, _time, NullLogger<DeliveryLoop>.Instance);
        _loop = Task.Run(() => loop.RunAsync(_stop.Token, _stop.Token));
        _board.WakeAll();
        await SettleAsync();
    }

    private async Task SettleAsync()
    {
        using var timeout = new CancellationTokenSource(Settle);
        Assert.True(await _board.WaitUntilSettledAsync(TimeSpan.Zero, _time, timeout.Token));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>Answers 200 with a message id per post unless <see cref="Answer"/> says otherwise; records the embeds of each post.</summary>
    private sealed class ScriptedDiscord : HttpMessageHandler
    {
        private readonly Lock _gate = new();
        private readonly List<int> _embedCounts = [];

        public Func<IReadOnlyList<DiscordEmbed>, HttpResponseMessage?>? Answer { get; set; }

        public IReadOnlyList<int> EmbedCounts
        {
            get
            {
                lock (_gate)
                {
                    return [.. _embedCounts];
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var embeds = JsonDocument.Parse(body).RootElement.GetProperty("embeds").EnumerateArray()
                .Select(embed => JsonSerializer.Deserialize(embed.GetRawText(), DiscordJsonContext.Default.DiscordEmbed)!)
                .ToList();
            int count;
            lock (_gate)
            {
                _embedCounts.Add(embeds.Count);
                count = _embedCounts.Count;
            }

            return Answer?.Invoke(embeds) ?? Json(HttpStatusCode.OK, $$"""{"id": "m{{count}}", "type": 0}""");
        }
    }

    /// <summary>A hand-written per-destination outbox: one queue, dead letters with their reasons.</summary>
    private sealed class InMemoryOutbox : IDeliveryOutbox
    {
        private readonly Lock _gate = new();
        private readonly List<QueuedMessage> _pending = [];
        private long _lastId;

        public List<DeliveredMessage> Delivered { get; } = [];

        public TimeSpan? IdlePoll { get; set; }

        public List<(long Id, string Reason)> DeadLetters { get; } = [];

        public IReadOnlyList<QueuedMessage> Pending
        {
            get
            {
                lock (_gate)
                {
                    return [.. _pending];
                }
            }
        }

        public void Add(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Add(JsonSerializer.Serialize(new DiscordEmbed { Title = "Watch " + (_lastId + 1), Url = "https://dealer.test/" + (_lastId + 1) }, DiscordJsonContext.Default.DiscordEmbed));
            }
        }

        public void Add(string payload)
        {
            lock (_gate)
            {
                var id = ++_lastId;
                _pending.Add(new QueuedMessage(id, Key, Key, "id-" + id, NotificationKind.NewListing, payload, DateTimeOffset.MinValue, 0, DateTimeOffset.MinValue));
            }
        }

        public Task<IReadOnlyList<QueuedMessage>> PeekDueAsync(string destinationKey, DateTimeOffset now, int max, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                return Task.FromResult<IReadOnlyList<QueuedMessage>>([.. _pending.Where(message => message.NextAttemptAt <= now).Take(max)]);
            }
        }

        public Task<DateTimeOffset?> NextAttemptAtAsync(string destinationKey, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                return Task.FromResult(_pending.Count == 0 ? (DateTimeOffset?)null : _pending.Min(message => message.NextAttemptAt));
            }
        }

        public Task AcknowledgeAsync(string destinationKey, IReadOnlyList<DeliveredMessage> delivered, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Delivered.AddRange(delivered);
                _pending.RemoveAll(message => delivered.Any(done => done.MessageId == message.Id));
            }

            return Task.CompletedTask;
        }

        public Task RecordFailureAsync(IReadOnlyCollection<long> messageIds, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                for (var i = 0; i < _pending.Count; i++)
                {
                    if (messageIds.Contains(_pending[i].Id))
                    {
                        _pending[i] = _pending[i] with { Attempts = _pending[i].Attempts + 1, NextAttemptAt = nextAttemptAt };
                    }
                }
            }

            return Task.CompletedTask;
        }

        public Task DeadLetterAsync(long messageId, string reason, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                DeadLetters.Add((messageId, reason));
                _pending.RemoveAll(message => message.Id == messageId);
            }

            return Task.CompletedTask;
        }

        public Task<int> CountAsync(string destinationKey, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                return Task.FromResult(_pending.Count);
            }
        }

        public Task<int> DeadLetterCountAsync(string? destinationKey, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                return Task.FromResult(DeadLetters.Count);
            }
        }
    }
}
