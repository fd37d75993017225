using System.Diagnostics;

namespace WatchMonitor.EndToEndTests.Dashboard;

/// <summary>
/// Debian's Chromium in headless mode, one process per page: <c>--dump-dom</c> prints the DOM after the page's
/// script ran, <c>--screenshot</c> writes a PNG. Every host but 127.0.0.1 resolves to nothing, so no test traffic
/// leaves the machine. <c>.ci/run</c> installs the package when it is missing.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private static readonly string[] Names = ["chromium", "chromium-browser"];

    private readonly string _profile = Directory.CreateTempSubdirectory("watchmon-chromium-").FullName;

    public HeadlessChromium(string executable) => Executable = executable;

    public string Executable { get; }

    /// <summary>The browser on this machine: CHROMIUM_PATH, else chromium or chromium-browser on PATH; null when none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => Names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The DOM as the browser built it (script run, redirects followed), and how long the browser took.</summary>
    public async Task<(string Dom, TimeSpan Elapsed)> DumpDomAsync(Uri url)
    {
        var started = Stopwatch.GetTimestamp();
        var output = await RunAsync("--dump-dom", url.AbsoluteUri);
        return (output, Stopwatch.GetElapsedTime(started));
    }

    public async Task ScreenshotAsync(Uri url, string file, int width, int height)
    {
        File.Delete(file);
        await RunAsync($"--screenshot={file}", $"--window-size={width},{height}", "--hide-scrollbars", url.AbsoluteUri);
        Assert.True(File.Exists(file), $"Chromium wrote no screenshot to {file}.");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A crashed browser may still hold a lock file for a moment; the temp directory is cleaned by the system.
        }
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
            "--metrics-recording-only", "--mute-audio", "--disable-dev-shm-usage",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            $"--user-data-dir={_profile}",
            .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Chromium did not finish within {Limit.TotalSeconds} s: {await error}");
        }

        Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {await error}");
        return await output;
    }
}

/// <summary>A test that needs Debian's chromium; skipped with the reason when it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Find() is null)
        {
            Skip = "Needs Debian's chromium (apt-get install chromium; .ci/run installs it), or CHROMIUM_PATH set to a Chromium binary.";
        }
    }
}
