namespace WatchMonitor.Monitoring.Health;

/// <summary>Readings <see cref="MonitorHealth"/> takes from parts of the monitor it does not own.</summary>
public interface IMonitorGauges
{
    /// <summary>
    /// Memory now with the configured thresholds; <see cref="MemoryHealth.Degraded"/> is whether the monitor is in
    /// degraded mode (crossing the warning threshold also counts as degraded). Called per request: keep it cheap.
    /// </summary>
    MemoryHealth ReadMemory();

    /// <summary>Messages waiting in the outbox.</summary>
    int OutboxPending { get; }

    /// <summary>Dead letters of every destination.</summary>
    int DeadLetters => 0;
}
