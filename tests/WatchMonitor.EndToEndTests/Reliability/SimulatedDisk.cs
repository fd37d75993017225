using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WatchMonitor.State;

namespace WatchMonitor.EndToEndTests.Reliability;

/// <summary>
/// The state directory's disk as the monitor's <see cref="AtomicFileWriter"/> sees it: normal, full (ENOSPC after a
/// few bytes, as a real full disk fails mid-write) or refusing to create files (a read-only directory, also for root,
/// whom chmod does not stop). The failure hits the temporary file, exactly where the real one would.
/// </summary>
public sealed class SimulatedDisk
{
    private const int NoSpaceLeft = 28;

    public bool Full { get; set; }

    public bool ReadOnly { get; set; }

    /// <summary>Only files whose name passes this fail; all by default.</summary>
    public Func<string, bool> Affects { get; set; } = _ => true;

    public int FailedWrites { get; private set; }

    public Action<IServiceCollection> Install => services => services.Replace(ServiceDescriptor.Singleton(
        provider => new AtomicFileWriter(provider.GetRequiredService<ILogger<AtomicFileWriter>>(), Open)));

    private Stream Open(string tempPath, FileStreamOptions options)
    {
        var target = Path.GetFileName(tempPath[..^".tmp".Length]);
        if (ReadOnly && Affects(target))
        {
            FailedWrites++;
            throw new UnauthorizedAccessException($"Access to the path '{tempPath}' is denied.");
        }

        var stream = new FileStream(tempPath, options);
        return Full && Affects(target) ? new FullDiskStream(stream, this) : stream;
    }

    private sealed class FullDiskStream(FileStream inner, SimulatedDisk disk) : Stream
    {
        private const int RoomLeft = 16;
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var room = (int)Math.Max(0, RoomLeft - _written);
            inner.Write(buffer[..Math.Min(room, buffer.Length)]);
            _written += buffer.Length;
            if (buffer.Length > room)
            {
                disk.FailedWrites++;
                inner.Flush();
                throw new IOException($"No space left on device : '{inner.Name}'", NoSpaceLeft);
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
