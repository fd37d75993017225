using WatchMonitor.FakeSites.Discord;

namespace WatchMonitor.Soak.Workload;

/// <summary>
/// Which notifications the workload caused and which embeds the fake Discord received, matched by listing URL, so a
/// lost alert and a duplicate are told apart. Holds only what is still outstanding, never the whole history.
/// </summary>
internal sealed class NotificationLedger
{
    private const int KeptExamples = 5;

    private readonly Dictionary<string, int> _outstanding = new(StringComparer.Ordinal);
    private readonly List<string> _unexpectedExamples = [];

    /// <summary>New listings and re-prices the workload made that the monitor was able to see.</summary>
    public long Expected { get; private set; }

    /// <summary>Embeds the webhooks accepted that matched an expected notification.</summary>
    public long Delivered { get; private set; }

    /// <summary>Embeds nobody expected: a second alert for the same change, or one for nothing that changed.</summary>
    public long Unexpected { get; private set; }

    public long Messages { get; private set; }

    public long Embeds => Delivered + Unexpected;

    /// <summary>Expected notifications not received (yet).</summary>
    public long Outstanding => _outstanding.Values.Sum();

    public IReadOnlyList<string> UnexpectedExamples => _unexpectedExamples;

    public void Expect(string listingUrl)
    {
        Expected++;
        _outstanding[listingUrl] = _outstanding.GetValueOrDefault(listingUrl) + 1;
    }

    /// <summary>Takes every message the webhooks received since the last call and empties them.</summary>
    /// <exception cref="InvalidOperationException">A webhook dropped messages before they were read.</exception>
    public void Collect(FakeDiscord discord)
    {
        ArgumentNullException.ThrowIfNull(discord);
        foreach (var webhook in discord.AllWebhooks)
        {
            var messages = webhook.Messages;
            var accepted = webhook.Stats.Accepted;
            if (accepted == 0)
            {
                continue;
            }

            // Called between cycles, when the monitor posts nothing, so nothing arrives between reading and clearing.
            webhook.Clear();
            if (accepted > messages.Count)
            {
                throw new InvalidOperationException($"The {webhook.SiteKey} webhook accepted {accepted} messages but kept {messages.Count}; raise its capacity.");
            }

            foreach (var message in messages)
            {
                Messages++;
                foreach (var embed in message.Embeds)
                {
                    Match(embed.Url ?? "");
                }
            }
        }
    }

    private void Match(string url)
    {
        if (_outstanding.TryGetValue(url, out var count))
        {
            Delivered++;
            if (count == 1)
            {
                _outstanding.Remove(url);
            }
            else
            {
                _outstanding[url] = count - 1;
            }

            return;
        }

        Unexpected++;
        if (_unexpectedExamples.Count < KeptExamples)
        {
            _unexpectedExamples.Add(url);
        }
    }
}
