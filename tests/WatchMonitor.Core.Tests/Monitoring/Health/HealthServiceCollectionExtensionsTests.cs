using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Configuration;
using WatchMonitor.Monitoring;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Notifications;

namespace WatchMonitor.Core.Tests.Monitoring.Health;

public sealed class HealthServiceCollectionExtensionsTests
{
    [Fact]
    public void AddMonitorHealth_WithMonitorServices_ResolvesOneSourceForBoth()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton(new MonitorOptions());
        services.AddSingleton(MonitoredSites.Resolve(configuration, new MonitorOptions()));
        services.AddSingleton<SiteStatusBoard>();
        services.AddSingleton<DeliveryCounters>();
        services.AddSingleton<IMonitorGauges, StubGauges>();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());

        services.AddMonitorHealth(configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var health = provider.GetRequiredService<IHealthSource>();
        Assert.IsType<MonitorHealth>(health);
        Assert.Same(health, provider.GetRequiredService<IMetricsSource>());
        Assert.Same(health, provider.GetRequiredService<MonitorHealth>());
        Assert.NotNull(provider.GetRequiredService<LayoutChangeDetector>());
        Assert.Equal(6, health.Current().Sites.Count);
    }

    [Fact]
    public void AddHealthOptions_BadUrl_FailsValidationNamingKey()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Health:Url"] = "localhost:8765" })
            .Build();
        using var provider = new ServiceCollection().AddHealthOptions(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HealthOptions>>().Value);

        Assert.StartsWith("Health:Url=localhost:8765", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    private sealed class StubGauges : IMonitorGauges
    {
        public int OutboxPending => 0;

        public MemoryHealth ReadMemory() => new(100, 20, 400, 500, false);
    }
}
