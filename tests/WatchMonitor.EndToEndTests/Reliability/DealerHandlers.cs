using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// Sits in the monitor's dealer pipeline just above the socket handler: counts the (decompressed) body bytes the
/// monitor read per site, and can make one site's host name fail to resolve the way SocketsHttpHandler does. A
/// request for any host but 127.0.0.1 or the simulated one is refused here, so no test traffic leaves the machine.
/// </summary>
public sealed class DealerHandlers
{
    /// <summary>The host name the simulated site is configured under; resolved to 127.0.0.1 while DNS "works".</summary>
    public const string SimulatedHost = "dealer.invalid";

    private readonly Dictionary<string, long> _bytesRead = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile bool _resolutionFails;

    public bool ResolutionFails
    {
        get => _resolutionFails;
        set => _resolutionFails = value;
    }

    /// <summary>Body bytes the monitor read from <paramref name="siteKey"/>'s pages (the first path segment).</summary>
    public long BytesRead(string siteKey)
    {
        lock (_gate)
        {
            return _bytesRead.GetValueOrDefault(siteKey);
        }
    }

    /// <summary>Adds this handler as the innermost of the monitor's dealer pipeline.</summary>
    public Action<IServiceCollection> Install() => services =>
        services.AddHttpClient(WatchMonitor.Http.HttpServiceCollectionExtensions.DealerClient).AddHttpMessageHandler(() => new Handler(this));

    private void Count(string siteKey, int bytes)
    {
        lock (_gate)
        {
            _bytesRead[siteKey] = _bytesRead.GetValueOrDefault(siteKey) + bytes;
        }
    }

    private sealed class Handler(DealerHandlers owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.Host == SimulatedHost)
            {
                if (owner.ResolutionFails)
                {
                    // What SocketsHttpHandler throws when getaddrinfo fails.
                    throw new HttpRequestException(HttpRequestError.NameResolutionError, $"Name or service not known ({uri.Host}:{uri.Port})");
                }

                request.RequestUri = new UriBuilder(uri) { Host = "127.0.0.1" }.Uri;
            }
            else if (uri.Host != "127.0.0.1")
            {
                throw new InvalidOperationException($"A test request left the machine: {uri}");
            }

            var siteKey = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            response.Content = new CountingContent(response.Content, bytes => owner.Count(siteKey, bytes));
            return response;
        }
    }

    private sealed class CountingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly Action<int> _count;

        public CountingContent(HttpContent inner, Action<int> count)
        {
            _inner = inner;
            _count = count;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new CountingStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _count);

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var source = await CreateContentReadStreamAsync().ConfigureAwait(false);
            await source.CopyToAsync(stream).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class CountingStream(Stream inner, Action<int> count) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count1) => Counted(inner.Read(buffer, offset, count1));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count1, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count1), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count1) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int bytes)
        {
            count(bytes);
            return bytes;
        }
    }
}
