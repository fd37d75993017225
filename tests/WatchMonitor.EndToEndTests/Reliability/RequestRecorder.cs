using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>One request as it left the monitor: which named client, method and full URI.</summary>
public sealed record RecordedRequest(string Client, HttpMethod Method, Uri Uri);

/// <summary>
/// Records every request of the monitor's named HTTP clients at the innermost handler, just above the socket, so
/// retries and each followed redirect are seen as separate requests.
/// </summary>
public sealed class RequestRecorder
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void Install(IServiceCollection services) =>
        services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(
            builder => builder.AdditionalHandlers.Add(new Recording(_requests, builder.Name ?? ""))));

    private sealed class Recording(ConcurrentQueue<RecordedRequest> requests, string client) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requests.Enqueue(new RecordedRequest(client, request.Method, request.RequestUri!));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
