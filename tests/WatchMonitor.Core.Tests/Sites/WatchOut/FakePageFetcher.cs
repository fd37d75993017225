using WatchMonitor.Sites;

namespace WatchMonitor.Core.Tests.Sites.WatchOut;

/// <summary>Serves canned pages or failures per URL and records what was requested, in order.</summary>
internal sealed class FakePageFetcher : IPageFetcher
{
    private readonly Dictionary<string, Func<string>> _responses = new(StringComparer.Ordinal);

    public List<string> Requested { get; } = [];

    public FakePageFetcher Serve(string url, string body)
    {
        _responses[url] = () => body;
        return this;
    }

    public FakePageFetcher Fail(string url, Exception exception)
    {
        _responses[url] = () => throw exception;
        return this;
    }

    public Task<string> GetStringAsync(string url, CancellationToken cancellationToken)
    {
        Requested.Add(url);
        cancellationToken.ThrowIfCancellationRequested();
        return _responses.TryGetValue(url, out var respond)
            ? Task.FromResult(respond())
            : throw new HttpRequestException($"404 Not Found: {url}");
    }
}
