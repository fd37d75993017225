using Microsoft.Extensions.Logging;

namespace WatchMonitor.FakeSites;

/// <summary>How a <see cref="FakeSitesServer"/> starts.</summary>
public sealed class FakeSitesOptions
{
    /// <summary>Seed of every site's listing sequence (each site offsets it by its index); default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Listings each site starts with; default 12.</summary>
    public int InitialListingsPerSite { get; init; } = 12;

    /// <summary>Listings per Rüschenbeck page (<c>?p=N</c>); default 24, as the shop.</summary>
    public int RueschenbeckPageSize { get; init; } = 24;

    /// <summary>Accepted messages each fake webhook keeps; default 1000.</summary>
    public int MessagesPerWebhook { get; init; } = 1000;

    /// <summary>
    /// Extra platform shops beyond the four, each a copy of one of them (in turn) with listings of its own, under the
    /// key <c>&lt;platform shop key&gt;_&lt;n&gt;</c> (n from 2): many configured dealers for scale runs. Default 0.
    /// </summary>
    public int PlatformShopCopies { get; init; }

    /// <summary>
    /// Added to every dealer page (listing, products.json, detail, picture) before it is answered, on
    /// <see cref="TimeProvider"/>, as a dealer across the internet takes (each wait counts in
    /// <see cref="Faults.FaultInjector.HoldCount"/>); webhooks and the exchange rate stay immediate. Default zero.
    /// </summary>
    public TimeSpan ResponseLatency { get; init; }

    /// <summary>Clock for delay and slow-drip faults and Discord's rate-limit windows; a FakeTimeProvider makes them manual.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Stop on Ctrl+C / SIGTERM (the runnable); off for servers inside a test host. Default false.</summary>
    public bool HandleProcessSignals { get; init; }

    /// <summary>Adds log providers; none by default, so test output stays quiet.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
