namespace WatchMonitor.Core.Tests;

/// <summary>Saved dealer pages checked in under Fixtures/&lt;Site&gt;/, copied next to the test assembly.</summary>
internal static class FixturePages
{
    public static string Read(string siteFolder, string fileName) =>
        File.ReadAllText(PathOf(siteFolder, fileName));

    public static string PathOf(string siteFolder, string fileName) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", siteFolder, fileName);
}
