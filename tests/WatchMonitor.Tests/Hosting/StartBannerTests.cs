using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WatchMonitor.Cli;
using WatchMonitor.Hosting;
using WatchMonitor.Monitoring;

namespace WatchMonitor.Tests.Hosting;

/// <summary>What <c>watchmon run</c> says at start and stop: enough to see what it will do, never a webhook's token.</summary>
public sealed class StartBannerTests : IDisposable
{
    private const string Token = "banner-Token_must-not-leak";
    private const string WebhookUrl = "https://discord.com/api/webhooks/123456789012345678/" + Token;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("watchmon-banner-");

    [Fact]
    public async Task StartAndStop_ConfiguredAndUnconfiguredSites_NamesEachDestinationMaskedWithIntervalStateAndDashboard()
    {
        var logs = new RecordingLoggerProvider();
        using var host = Build(logs, new Dictionary<string, string?>
        {
            ["WORLDOFTIME_WEBHOOK_URL"] = WebhookUrl,
            ["SKIP_SITES"] = "watch_out",
            ["CHECK_INTERVAL_SECONDS"] = "120",
        });
        var started = new List<IHostedService>();
        foreach (var service in host.Services.GetServices<IHostedService>().Where(service => service is HealthEndpoints or StartBanner))
        {
            await service.StartAsync(CancellationToken.None);
            started.Add(service);
        }

        started.Reverse();
        foreach (var service in started)
        {
            await service.StopAsync(CancellationToken.None);
        }

        var lines = logs.Entries.Where(entry => entry.Category == typeof(StartBanner).FullName).Select(entry => entry.Message).ToList();
        Assert.Matches(
            $@"^watchmon \d+\.\d+\.\d+\S* started: 5 site\(s\), a cycle every 120 s, state in {System.Text.RegularExpressions.Regex.Escape(Path.Combine(_directory.FullName, "watchmon.db"))}, dashboard http://127\.0\.0\.1:\d+/$",
            lines[0]);
        Assert.Equal("  worldoftime (www.worldoftime.de): alerts go to Discord https://discord.com/api/webhooks/1234…/***", lines[1]);
        Assert.Equal("  grimmeissen (www.grimmeissen.de): alerts go to the log (no webhook: set GRIMMEISSEN_WEBHOOK_URL to post to Discord)", lines[2]);
        Assert.Contains("  not scanned (SKIP_SITES or Enabled=false): watch_out", lines);
        Assert.Equal($"watchmon stopped after 0 cycle(s); the state is saved in {Path.Combine(_directory.FullName, "watchmon.db")}", lines[^1]);
        Assert.DoesNotContain(logs.Entries, entry => entry.Message.Contains(Token, StringComparison.Ordinal) || entry.Message.Contains("123456789012345678", StringComparison.Ordinal));
    }

    [Fact]
    public void Once_Logging_GoesToStandardErrorSoTheTableOwnsStandardOutput()
    {
        var builder = WatchmonHost.CreateBuilder(new RunSettings(), Settings(), userConfiguration: false, logToStandardError: true);
        using var host = builder.Build();

        var console = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(LogLevel.Trace, console.LogToStandardErrorThreshold);
    }

    [Fact]
    public async Task DemoHelp_Invoked_DescribesTheDemoAndExitsZero()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await WatchmonCommandLine.InvokeAsync(["demo", "--help"], output, error);

        Assert.Equal(0, exitCode);
        Assert.Contains("without any configuration", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Ctrl+C stops", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("", error.ToString());
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private IHost Build(RecordingLoggerProvider logs, Dictionary<string, string?> extra)
    {
        var settings = Settings();
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var builder = WatchmonHost.CreateBuilder(new RunSettings(), settings, userConfiguration: false);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        RunCommands.AddContinuous(builder.Services, builder.Configuration);
        return builder.Build();
    }

    private Dictionary<string, string?> Settings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["STATE_DATABASE"] = Path.Combine(_directory.FullName, "watchmon.db"),
        ["Health:Url"] = "http://127.0.0.1:0",
        ["ENABLE_EXCHANGE_RATE_CONVERSION"] = "false",
    };
}
