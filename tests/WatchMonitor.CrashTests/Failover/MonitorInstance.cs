namespace WatchMonitor.CrashTests.Failover;

/// <summary>One of the run's watchmon processes: its slot (a, b, c), this life's INSTANCE_NAME and the process.</summary>
internal sealed class MonitorInstance(int slot, string name, WatchmonProcess process) : IDisposable
{
    public int Slot { get; } = slot;

    public string Name { get; } = name;

    public WatchmonProcess Process { get; } = process;

    public void Dispose() => Process.Dispose();

    public override string ToString() => $"{Name} (pid {Process.Id})";
}
