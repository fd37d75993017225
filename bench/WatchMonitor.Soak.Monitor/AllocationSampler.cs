using System.Diagnostics.Tracing;

namespace WatchMonitor.Soak.Monitor;

/// <summary>
/// Which types the monitor allocates, from the runtime's own sampling: the GC raises an AllocationTick event about
/// every 100 KB allocated, naming the type of the object that crossed the mark, so bytes per type add up in
/// proportion to what each type really allocates. In process, without dotnet-trace.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const int AllocationTickEvent = 10;
    private const long GcKeyword = 0x1;

    // Initialised before the base constructor runs, which may already report the runtime's event source.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private long _total;

    public long TotalBytes
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Forgets what was sampled so far, e.g. the start-up and warm-up allocations.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _bytesByType.Clear();
            _total = 0;
        }
    }

    public IReadOnlyList<AllocatedType> Top(int count)
    {
        lock (_gate)
        {
            return [.. _bytesByType.OrderByDescending(pair => pair.Value).Take(count).Select(pair => new AllocatedType(pair.Key, pair.Value))];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTickEvent || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var typeIndex = names.IndexOf("TypeName");
        var amountIndex = names.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0 || payload[amountIndex] is not ulong amount)
        {
            return;
        }

        var type = payload[typeIndex] as string ?? "?";
        lock (_gate)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + (long)amount;
            _total += (long)amount;
        }
    }
}
