using WatchMonitor.FakeSites;

namespace WatchMonitor.CrashTests.Shared;

/// <summary>
/// What the fake Discord received, per listing URL, and the duplicates a run allows: one per listing per kill that
/// fell between Discord's acceptance of its message and the outbox acknowledgement (the lost acknowledgement makes
/// the next sender repeat the message). Nothing else may be alerted twice.
/// </summary>
internal sealed class AlertLedger(FakeSitesServer server)
{
    private readonly Dictionary<string, int> _lostAcknowledgements = new(StringComparer.Ordinal);

    /// <summary>Alerts received per embed URL, every webhook's messages together.</summary>
    public Dictionary<string, int> AlertedUrls() =>
        server.Discord.Webhooks
            .SelectMany(webhook => webhook.Embeds)
            .Select(embed => embed.Url ?? "(no url)")
            .GroupBy(url => url, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

    /// <summary>The highest message sequence Discord has given so far (0 before the first).</summary>
    public long LastSequence() =>
        server.Discord.Webhooks.SelectMany(webhook => webhook.Messages).Select(message => message.Sequence).DefaultIfEmpty(0).Max();

    public int LostAcknowledgements(string url) => _lostAcknowledgements.GetValueOrDefault(url);

    /// <summary>Allows one more alert of <paramref name="url"/>: a kill lost the acknowledgement of a message holding it.</summary>
    public void AllowRepeat(string url) => _lostAcknowledgements[url] = LostAcknowledgements(url) + 1;

    /// <summary>
    /// At the end: every created listing alerted at least once and at most 1 + its lost acknowledgements, and nothing
    /// alerted that was not created after the baseline.
    /// </summary>
    public AlertTally Tally(IReadOnlyList<CreatedListing> created, Action<string> fail)
    {
        var alerted = AlertedUrls();
        var neverAlerted = 0;
        var duplicates = 0;
        var beyondAllowance = 0;
        foreach (var listing in created)
        {
            var alerts = alerted.GetValueOrDefault(listing.Url);
            var allowed = LostAcknowledgements(listing.Url);
            if (alerts == 0)
            {
                neverAlerted++;
                fail($"{listing.SiteKey} listing {listing.Id} ({listing.Url}) was never alerted; created before kill #{listing.CreatedBeforeKill}, states after kills: {string.Join(' ', listing.Trace)}");
            }
            else if (alerts > 1)
            {
                duplicates += alerts - 1;
                if (alerts - 1 > allowed)
                {
                    beyondAllowance++;
                    fail($"{listing.SiteKey} listing {listing.Id} ({listing.Url}) was alerted {alerts} times; kills between acceptance and acknowledgement of its message: {allowed}");
                }
            }
        }

        var createdUrls = created.Select(listing => listing.Url).ToHashSet(StringComparer.Ordinal);
        foreach (var (url, alerts) in alerted.Where(pair => !createdUrls.Contains(pair.Key)))
        {
            fail($"{alerts} alert(s) for {url}, which is no listing created after the baseline");
        }

        return new AlertTally(alerted.Values.Sum(), neverAlerted, duplicates, _lostAcknowledgements.Values.Sum(), beyondAllowance);
    }
}

/// <summary>The end-of-run count: <see cref="BeyondAllowance"/> listings were alerted more often than their kills explain.</summary>
internal sealed record AlertTally(int Alerts, int NeverAlerted, int Duplicates, int MaxAllowedDuplicates, int BeyondAllowance);
