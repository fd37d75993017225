namespace WatchMonitor.Monitoring.Leases;

/// <param name="InstanceName">INSTANCE_NAME: who this instance is in the shared state.</param>
/// <param name="LeaseDuration">LEASE_SECONDS: how long a lease lasts without renewal, and how recent a live instance's heartbeat is.</param>
/// <param name="SoleInstance">
/// Nothing else can use the state (the SQLite file's instance lock is held): rows of other instances are left over
/// from earlier processes, so this instance takes every site at once instead of waiting for their leases to expire.
/// </param>
public sealed record LeaseSettings(string InstanceName, TimeSpan LeaseDuration, bool SoleInstance)
{
    public TimeSpan RenewInterval => LeaseDuration / 3;
}
