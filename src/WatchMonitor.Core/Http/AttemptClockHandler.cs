namespace WatchMonitor.Http;

// Inside the retry and timeout handlers, so the stamp marks the attempt that produced the response: the body read
// gets what is left of that attempt's REQUEST_TIMEOUT (the resilience timeout ends with the headers).
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
