namespace WatchMonitor.Http;

/// <summary>
/// Stamps each attempt's request with the time it was sent. It sits inside the retry and timeout handlers, so the
/// stamp marks the attempt that produced the response; <see cref="PageFetcher"/> bounds reading the body by what is
/// left of that attempt's REQUEST_TIMEOUT (the resilience timeout stops once the headers have arrived).
/// </summary>
internal sealed class AttemptClockHandler(TimeProvider timeProvider) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<long> AttemptStarted = new("WatchMonitor.AttemptStarted");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(AttemptStarted, timeProvider.GetTimestamp());
        return base.SendAsync(request, cancellationToken);
    }
}
