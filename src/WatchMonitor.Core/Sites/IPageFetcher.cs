namespace WatchMonitor.Sites;

/// <summary>Downloads one page as text through the shared HTTP pipeline (size cap, retries, timeouts).</summary>
public interface IPageFetcher
{
    /// <summary>The body of <paramref name="url"/> as text; throws <see cref="HttpRequestException"/> on failure.</summary>
    Task<string> GetStringAsync(string url, CancellationToken cancellationToken);
}
