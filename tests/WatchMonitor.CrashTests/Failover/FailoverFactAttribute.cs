namespace WatchMonitor.CrashTests.Failover;

/// <summary>
/// The quick failover run, part of the normal <c>dotnet test</c>: skipped without a PostgreSQL server
/// (<c>WATCHMON_TEST_POSTGRES</c>) unless <c>WATCHMON_REQUIRE_POSTGRES=1</c>, as in CI, where its absence fails it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FailoverFactAttribute : FactAttribute
{
    public FailoverFactAttribute() => Skip = TestPostgres.SkipReason;
}

/// <summary>
/// The long failover run: skipped unless <c>WATCHMON_FAILOVER_KILLS</c> is set (and a server is there, as for
/// <see cref="FailoverFactAttribute"/>). <c>WATCHMON_FAILOVER_KILLS=50 dotnet test tests/WatchMonitor.CrashTests</c> runs it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FailoverRunFactAttribute : FactAttribute
{
    public const string KillsVariable = "WATCHMON_FAILOVER_KILLS";

    public FailoverRunFactAttribute() =>
        Skip = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(KillsVariable))
            ? $"Long-running: set {KillsVariable}=50 to run it."
            : TestPostgres.SkipReason;
}
