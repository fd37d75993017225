using Microsoft.Extensions.Logging;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Core.Tests.Diagnostics;

public sealed class DegradationControllerTests
{
    private static readonly CycleSettings Normal = new(MaxConcurrentSites: 2, DetailScraping: true, NotifyExisting: true);

    private readonly MemoryHarness _harness = new();

    [Fact]
    public void Update_BelowWarningWhileNormal_StaysNormalWithoutLogs()
    {
        var controller = _harness.CreateDegradation();

        Assert.False(controller.Update(390));

        Assert.False(controller.IsDegraded);
        Assert.Null(controller.Since);
        Assert.Same(Normal, controller.Apply(Normal));
        Assert.Empty(_harness.DegradationLogger.Entries);
    }

    [Fact]
    public void Update_AboveWarning_EntersDegradedModeAndNarrowsTheCycle()
    {
        var controller = _harness.CreateDegradation();

        Assert.True(controller.Update(410));

        Assert.True(controller.IsDegraded);
        Assert.Equal(_harness.Time.GetUtcNow(), controller.Since);
        Assert.Equal(new CycleSettings(1, false, true), controller.Apply(Normal));
        var warning = Assert.Single(_harness.DegradationLogger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("Degraded mode on: resident memory 410 MB is above MEMORY_WARNING_THRESHOLD_MB=400", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_BelowWarningForRecoveryCycles_LeavesOnTheThirdCycle()
    {
        var controller = _harness.CreateDegradation();
        controller.Update(450);
        var since = controller.Since;
        _harness.Time.Advance(TimeSpan.FromMinutes(5));
        controller.Update(460);

        _harness.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(controller.Update(390));
        Assert.True(controller.Update(380));
        Assert.Equal(2, controller.CyclesBelowWarning);
        Assert.Equal(since, controller.Since);
        Assert.False(controller.Update(370));

        Assert.False(controller.IsDegraded);
        Assert.Null(controller.Since);
        Assert.Equal(Normal, controller.Apply(Normal));
        var left = Assert.Single(_harness.DegradationLogger.AtLevel(LogLevel.Information));
        Assert.StartsWith("Degraded mode off: resident memory stayed at or below the warning threshold for 3 cycles (now 370 MB) after 10 min", left.Message, StringComparison.Ordinal);
        Assert.Single(_harness.DegradationLogger.AtLevel(LogLevel.Warning));
    }

    [Fact]
    public void Update_SpikeDuringRecovery_StartsCountingAgain()
    {
        var controller = _harness.CreateDegradation();
        controller.Update(450);
        controller.Update(390);
        controller.Update(390);

        controller.Update(401);
        Assert.Equal(0, controller.CyclesBelowWarning);
        Assert.True(controller.Update(390));
        Assert.True(controller.Update(390));

        Assert.False(controller.Update(390));
        Assert.Single(_harness.DegradationLogger.AtLevel(LogLevel.Warning));
    }

    [Fact]
    public void Update_RecoveryCyclesConfiguredToOne_LeavesAfterOneCycle()
    {
        var harness = new MemoryHarness(options: new MemoryOptions { RecoveryCycles = 1, WarningThresholdMb = 200, CriticalThresholdMb = 300 });
        var controller = harness.CreateDegradation();

        Assert.True(controller.Update(250));
        Assert.False(controller.Update(200));
    }
}
