using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Configuration;
using WatchMonitor.Http;

namespace WatchMonitor.Core.Tests.Http;

public sealed class PageFetcherTests
{
    [Fact]
    public async Task GetStringAsync_Latin1Charset_DecodesText()
    {
        var fetcher = FetcherAnswering(() => new ByteArrayContent(Encoding.Latin1.GetBytes("Rüschenbeck"))
        {
            Headers = { ContentType = new("text/html") { CharSet = "iso-8859-1" } },
        });

        Assert.Equal("Rüschenbeck", await fetcher.GetStringAsync("http://127.0.0.1/x", CancellationToken.None));
    }

    [Fact]
    public async Task GetStringAsync_BodyOverCapWithoutLength_ThrowsWhileStreaming()
    {
        var endless = new EndlessStream();
        var fetcher = FetcherAnswering(() => new StreamContent(endless), maxMb: 1);

        await Assert.ThrowsAsync<ResponseTooLargeException>(() => fetcher.GetStringAsync("http://127.0.0.1/big", CancellationToken.None));
        Assert.InRange(endless.BytesServed, 1024 * 1024, 2 * 1024 * 1024);
    }

    [Fact]
    public async Task GetStringAsync_AnnouncedLengthOverCap_ThrowsBeforeReading()
    {
        var endless = new EndlessStream();
        var fetcher = FetcherAnswering(() => new StreamContent(endless) { Headers = { ContentLength = 50L * 1024 * 1024 } }, maxMb: 10);

        await Assert.ThrowsAsync<ResponseTooLargeException>(() => fetcher.GetStringAsync("http://127.0.0.1/big", CancellationToken.None));
        Assert.Equal(0, endless.BytesServed);
    }

    [Fact]
    public async Task GetStringAsync_ErrorStatus_ThrowsHttpRequestExceptionWithStatus()
    {
        var fetcher = new PageFetcher(new HttpClient(new StubHandler(() => new HttpResponseMessage(HttpStatusCode.Forbidden))), new MonitorOptions());

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => fetcher.GetStringAsync("http://127.0.0.1/x", CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
        Assert.Contains("bot protection", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStringAsync_BodyStillArrivingAfterRequestTimeout_ThrowsTimedOut()
    {
        // Headers at once, then the body never ends: only a bound on the whole attempt stops it.
        var time = new FakeTimeProvider();
        var body = new HangingStream();
        var fetcher = new PageFetcher(
            new HttpClient(new StubHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) })),
            new MonitorOptions { RequestTimeoutSeconds = 2 },
            time);

        var fetch = fetcher.GetStringAsync("http://127.0.0.1/drip", CancellationToken.None);
        await body.Reading;
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(fetch.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => fetch);
        Assert.Contains("timed out", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStringAsync_ConnectionBrokenMidBody_ThrowsHttpRequestExceptionNamingThePage()
    {
        var fetcher = FetcherAnswering(() => new StreamContent(new BreakingStream()));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => fetcher.GetStringAsync("http://127.0.0.1/reset", CancellationToken.None));
        Assert.Contains("http://127.0.0.1/reset: the connection broke", exception.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(exception.InnerException);
    }

    private static PageFetcher FetcherAnswering(Func<HttpContent> content, int maxMb = 10) =>
        new(new HttpClient(new StubHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = content() })), new MonitorOptions { MaxResponseSizeMb = maxMb });

    private sealed class StubHandler(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer());
    }

    private sealed class HangingStream : Stream
    {
        private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the reader first waits for bytes that never come.</summary>
        public Task Reading => _reading.Task;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _reading.TrySetResult();
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class BreakingStream : Stream
    {
        private bool _served;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_served)
            {
                throw new IOException("Connection reset by peer.");
            }

            _served = true;
            Array.Fill(buffer, (byte)'a', offset, Math.Min(count, 100));
            return Math.Min(count, 100);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesServed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesServed; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            BytesServed += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
