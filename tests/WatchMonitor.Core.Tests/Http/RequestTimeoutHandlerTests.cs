using System.Net;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Http;

namespace WatchMonitor.Core.Tests.Http;

public sealed class RequestTimeoutHandlerTests
{
    [Fact]
    public async Task SendAsync_NoAnswerWithinTheTimeout_ThrowsTaskCanceledWithATimeoutInside()
    {
        var time = new FakeTimeProvider();
        var inner = new HangingHandler();
        using var client = new HttpClient(new RequestTimeoutHandler(TimeSpan.FromSeconds(10), time) { InnerHandler = inner });

        var post = client.PostAsync(new Uri("http://127.0.0.1/api/webhooks/1/x"), new StringContent("{}"));
        await inner.Sending;
        time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(post.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        var exception = await Assert.ThrowsAsync<TaskCanceledException>(() => post);
        Assert.IsType<TimeoutException>(exception.InnerException);
        Assert.Contains("REQUEST_TIMEOUT (10 s)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsTheCallersCancellationNotATimeout()
    {
        var inner = new HangingHandler();
        using var client = new HttpClient(new RequestTimeoutHandler(TimeSpan.FromSeconds(10), new FakeTimeProvider()) { InnerHandler = inner });
        using var stop = new CancellationTokenSource();

        var post = client.PostAsync(new Uri("http://127.0.0.1/x"), new StringContent("{}"), stop.Token);
        await inner.Sending;
        await stop.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
        Assert.IsNotType<TimeoutException>(exception.InnerException);
    }

    [Fact]
    public async Task SendAsync_AnswerInTime_ReturnsTheBufferedResponse()
    {
        using var client = new HttpClient(new RequestTimeoutHandler(TimeSpan.FromSeconds(10), new FakeTimeProvider())
        {
            InnerHandler = new AnsweringHandler(),
        });

        using var response = await client.GetAsync(new Uri("http://127.0.0.1/x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        private readonly TaskCompletionSource _sending = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Sending => _sending.Task;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _sending.TrySetResult();
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class AnsweringHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") });
    }
}
