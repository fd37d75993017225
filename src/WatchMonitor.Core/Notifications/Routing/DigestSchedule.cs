using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace WatchMonitor.Notifications.Routing;

/// <summary>When a route's digest goes out: once a day at <paramref name="At"/>, local time of the zone given.</summary>
public sealed record DigestSchedule(TimeOnly At)
{
    private const string Prefix = "daily@";

    /// <summary>"daily@08:00" (also "daily@8:00"); the error says what is accepted.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DigestSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && TimeOnly.TryParseExact(trimmed[Prefix.Length..], ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            schedule = new DigestSchedule(at);
            error = null;
            return true;
        }

        error = $"'{trimmed}' is not a digest schedule: use daily@HH:mm, e.g. daily@08:00 (24-hour clock, local time).";
        return false;
    }

    /// <summary>
    /// The first time after <paramref name="now"/> the clock in <paramref name="zone"/> shows <see cref="At"/>. On a day
    /// the clock skips that time it is read with the offset before the jump (02:30 becomes 03:30); on a day the clock
    /// shows it twice, the first of the two.
    /// </summary>
    public DateTimeOffset NextAfter(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var day = today.AddDays(-1); ; day = day.AddDays(1))
        {
            var candidate = OnDay(day, zone);
            if (candidate > now)
            {
                return candidate;
            }
        }
    }

    private DateTimeOffset OnDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(At, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var before = zone.GetUtcOffset(local.AddHours(-3));
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, before), zone);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    public override string ToString() => Prefix + At.ToString("HH:mm", CultureInfo.InvariantCulture);
}
