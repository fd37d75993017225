using Microsoft.Extensions.DependencyInjection;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;
using WatchMonitor.Maintenance;

namespace WatchMonitor.Core.Tests.Diagnostics;

public sealed class MemoryServiceCollectionExtensionsTests
{
    [Fact]
    public void AddWatchMonitorMemory_WithMaintenance_RegistersTheFullSetAndResolves()
    {
        var services = new ServiceCollection().AddLogging();
        var before = services.Count;
        var options = new MemoryOptions();

        services.AddWatchMonitorMemory(options).AddWatchMonitorMaintenance();
        services.AddSingleton<ICleanupStep>(new FakeCleanupStep("history"));

        Type[] expected =
        [
            typeof(TimeProvider), typeof(MemoryOptions), typeof(IProcessMemoryReader), typeof(MemoryMonitor),
            typeof(MemoryPressurePolicy), typeof(DegradationController), typeof(MemoryProfiler), typeof(MemoryReport),
            typeof(MemoryGovernor), typeof(ICleanupStep), typeof(CleanupRunner), typeof(PeriodicCleanup), typeof(ICleanupStep),
        ];
        Assert.Equal(expected, services.Skip(before).Select(descriptor => descriptor.ServiceType));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Assert.IsType<ProcessMemoryReader>(provider.GetRequiredService<IProcessMemoryReader>());
        Assert.Same(options, provider.GetRequiredService<MemoryOptions>());
        Assert.NotNull(provider.GetRequiredService<MemoryGovernor>());
        Assert.NotNull(provider.GetRequiredService<MemoryReport>());
        Assert.Equal(["native heap", "history"], provider.GetRequiredService<CleanupRunner>().Steps.Select(step => step.Name));
    }
}
