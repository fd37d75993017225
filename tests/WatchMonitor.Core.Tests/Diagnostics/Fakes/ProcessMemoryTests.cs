namespace WatchMonitor.Core.Tests.Diagnostics.Fakes;

/// <summary>
/// Tests that force collections or compare process memory readings run alone, so parallel tests neither skew
/// their numbers nor pay for their pauses.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryTests
{
    public const string Name = "Process memory";
}
