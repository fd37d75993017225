using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Core.Tests.Notifications.Routing;

public sealed class DigestScheduleTests
{
    // Central European time with its 2026 switches (29 March 02:00 → 03:00, 25 October 03:00 → 02:00), built here
    // so the tests do not depend on the machine's time-zone database.
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.CreateCustomTimeZone(
        "Test/Berlin", TimeSpan.FromHours(1), "Test Berlin", "CET", "CEST",
        [TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday))]);

    [Theory]
    [InlineData("daily@08:00", 8, 0)]
    [InlineData("daily@8:05", 8, 5)]
    [InlineData("DAILY@23:59", 23, 59)]
    [InlineData(" daily@00:00 ", 0, 0)]
    public void TryParse_DailyTime_ReadsIt(string text, int hour, int minute)
    {
        Assert.True(DigestSchedule.TryParse(text, out var schedule, out var error), error);
        Assert.Equal(new TimeOnly(hour, minute), schedule.At);
    }

    [Theory]
    [InlineData("")]
    [InlineData("08:00")]
    [InlineData("daily")]
    [InlineData("daily@")]
    [InlineData("daily@24:00")]
    [InlineData("daily@08:60")]
    [InlineData("daily@8am")]
    [InlineData("weekly@08:00")]
    [InlineData("daily@08:00:30")]
    public void TryParse_Other_ExplainsTheForm(string text)
    {
        Assert.False(DigestSchedule.TryParse(text, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Contains("use daily@HH:mm, e.g. daily@08:00", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_IsTheConfigurationForm() => Assert.Equal("daily@08:05", new DigestSchedule(new TimeOnly(8, 5)).ToString());

    [Theory]
    [InlineData("2026-06-10T05:00:00+00:00", "2026-06-10T08:00:00+02:00")]
    [InlineData("2026-06-10T05:59:59+00:00", "2026-06-10T08:00:00+02:00")]
    [InlineData("2026-06-10T06:00:00+00:00", "2026-06-11T08:00:00+02:00")]
    [InlineData("2026-06-10T23:30:00+00:00", "2026-06-11T08:00:00+02:00")]
    [InlineData("2026-01-10T06:59:00+00:00", "2026-01-10T08:00:00+01:00")]
    [InlineData("2026-12-31T07:30:00+00:00", "2027-01-01T08:00:00+01:00")]
    public void NextAfter_IsTheNextTimeTheLocalClockShowsIt(string now, string expected)
    {
        var next = new DigestSchedule(new TimeOnly(8, 0)).NextAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Berlin);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void NextAfter_Utc_IsPlainDaily()
    {
        var now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), new DigestSchedule(new TimeOnly(8, 0)).NextAfter(now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void NextAfter_AcrossSpringForward_KeepsTheLocalTime()
    {
        var now = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);
        var next = new DigestSchedule(new TimeOnly(8, 0)).NextAfter(now, Berlin);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 8, 0, 0, TimeSpan.FromHours(2)), next);
    }

    [Fact]
    public void NextAfter_TimeSkippedBySpringForward_IsReadWithTheOldOffset()
    {
        var now = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);
        var next = new DigestSchedule(new TimeOnly(2, 30)).NextAfter(now, Berlin);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), next.ToUniversalTime());
    }

    [Fact]
    public void NextAfter_TimeShownTwiceInAutumn_IsTheFirstThenTheNextDay()
    {
        var schedule = new DigestSchedule(new TimeOnly(2, 30));
        var first = schedule.NextAfter(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero), Berlin);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), first.ToUniversalTime());

        var after = schedule.NextAfter(first, Berlin);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), after.ToUniversalTime());
    }

    [Fact]
    public void NextAfter_IsAlwaysLater()
    {
        var schedule = new DigestSchedule(new TimeOnly(8, 0));
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 800; i++)
        {
            var next = schedule.NextAfter(now, Berlin);
            Assert.True(next > now);
            Assert.True(next - now <= TimeSpan.FromHours(25));
            Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(next, Berlin).DateTime));
            now = next;
        }
    }
}
