using WatchMonitor.Diagnostics;
using WatchMonitor.State;

namespace WatchMonitor.Monitoring.Health;

/// <summary>The live readings health and metrics need: memory (like <c>ps</c>), the queued messages and dead letters.</summary>
public sealed class MonitorGauges(IProcessMemoryReader residentMemory, MemoryOptions memoryOptions, DegradationController degradation, SqliteOutbox outbox) : IMonitorGauges
{
    public int OutboxPending => outbox.Count();

    public int DeadLetters => outbox.DeadLetterCount();

    public MemoryHealth ReadMemory() => new(
        MemoryUnits.ToMb(residentMemory.ReadResidentBytes()),
        MemoryUnits.ToMb(GC.GetTotalMemory(forceFullCollection: false)),
        memoryOptions.WarningThresholdMb,
        memoryOptions.CriticalThresholdMb,
        degradation.IsDegraded);
}
