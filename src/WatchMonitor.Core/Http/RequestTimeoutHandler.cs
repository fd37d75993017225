using System.Globalization;

namespace WatchMonitor.Http;

/// <summary>
/// <see cref="HttpClient.Timeout"/> on the monitor's <see cref="TimeProvider"/>: the request, body included, is
/// cancelled after <paramref name="timeout"/> and fails with the <see cref="TaskCanceledException"/> that
/// HttpClient.Timeout throws, so callers treat it the same way and tests can time it out on a fake clock.
/// </summary>
internal sealed class RequestTimeoutHandler(TimeSpan timeout, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(linked.Token).ConfigureAwait(false);
            return response;
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TaskCanceledException(
                string.Create(CultureInfo.InvariantCulture, $"The request timed out after REQUEST_TIMEOUT ({timeout.TotalSeconds:0.#} s)."),
                new TimeoutException(exception.Message, exception));
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }
}
