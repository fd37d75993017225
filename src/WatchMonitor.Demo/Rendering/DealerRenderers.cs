namespace WatchMonitor.Demo.Rendering;

/// <summary>The six built-in dealers' markup, in the monitor's site order.</summary>
public static class DealerRenderers
{
    public static IReadOnlyList<SiteRenderer> All { get; } =
    [
        new WorldOfTimeRenderer(),
        new GrimmeissenRenderer(),
        new TropicalWatchRenderer(),
        new JuwelierExchangeRenderer(),
        new WatchOutRenderer(),
        new RueschenbeckRenderer(),
    ];
}
