using WatchMonitor.Sites;

namespace WatchMonitor.Core.Tests.Sites.Rueschenbeck;

/// <summary>Serves pages from a URL → text map (or a function) and records every URL it was asked for.</summary>
internal sealed class RecordingPageFetcher(Func<string, string?> pages) : IPageFetcher
{
    private readonly List<string> _requested = [];

    public RecordingPageFetcher(IReadOnlyDictionary<string, string> pages)
        : this(url => pages.TryGetValue(url, out var text) ? text : null)
    {
    }

    public IReadOnlyList<string> Requested => _requested;

    public Task<string> GetStringAsync(string url, CancellationToken cancellationToken)
    {
        _requested.Add(url);
        return pages(url) is { } text
            ? Task.FromResult(text)
            : Task.FromException<string>(new HttpRequestException($"404 for {url}"));
    }
}
