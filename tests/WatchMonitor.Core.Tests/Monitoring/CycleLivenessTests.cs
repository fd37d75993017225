using Microsoft.Extensions.Time.Testing;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Core.Tests.Monitoring;

public sealed class CycleLivenessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public void IsProgressing_StartUpAndCycles_FalseOnlyOnceOneRunsPastTheLimit()
    {
        var time = new FakeTimeProvider();
        var liveness = new CycleLiveness(time);

        Assert.True(liveness.IsProgressing(Limit));
        time.Advance(Limit);
        Assert.False(liveness.IsProgressing(Limit));

        liveness.CycleStarted();
        Assert.Equal(1, liveness.Cycle);
        time.Advance(Limit - TimeSpan.FromSeconds(1));
        Assert.True(liveness.IsProgressing(Limit));
        liveness.CycleEnded();
        time.Advance(TimeSpan.FromDays(1));
        Assert.True(liveness.IsProgressing(Limit));
        Assert.Null(liveness.BusyFor());

        liveness.CycleStarted();
        time.Advance(Limit);
        Assert.False(liveness.IsProgressing(Limit));
        Assert.Equal(Limit, liveness.BusyFor());
    }
}
