using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;

namespace WatchMonitor.Core.Tests.Configuration;

public sealed class ConfigurationTests
{
    [Fact]
    public void Bind_ReferenceVariableNames_FillOptions()
    {
        var configuration = Build(new()
        {
            ["CHECK_INTERVAL_SECONDS"] = "120",
            ["DETAIL_PAGE_DELAY"] = "0.5",
            ["ENABLE_DETAIL_SCRAPING"] = "false",
            ["SKIP_SITES"] = "watch_out, tropicalwatch",
        });

        var options = configuration.Get<MonitorOptions>()!;

        Assert.Equal(120, options.CheckIntervalSeconds);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.DetailPageDelay);
        Assert.False(options.EnableDetailScraping);
        Assert.Equal(new HashSet<string> { "watch_out", "tropicalwatch" }, options.SkippedSiteKeys);
        Assert.Empty(MonitorOptionsValidator.Validate(options));
    }

    [Fact]
    public void Bind_InstanceAndLease_DefaultToHostPidAndThirtySeconds()
    {
        var defaults = Build([]).Get<MonitorOptions>() ?? new MonitorOptions();
        var named = Build(new() { ["INSTANCE_NAME"] = " box-2 ", ["LEASE_SECONDS"] = "45" }).Get<MonitorOptions>()!;

        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", defaults.ResolvedInstanceName);
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.LeaseDuration);
        Assert.Equal("box-2", named.ResolvedInstanceName);
        Assert.Equal(TimeSpan.FromSeconds(45), named.LeaseDuration);
        Assert.Empty(MonitorOptionsValidator.Validate(named));
    }

    [Fact]
    public void Validate_OutOfRangeAndUnknownSite_NamesKeyValueAndRange()
    {
        var options = new MonitorOptions { CheckIntervalSeconds = 0, MaxConcurrentScrapers = 99, SkipSites = "ebay" };

        var errors = MonitorOptionsValidator.Validate(options);

        Assert.Contains(errors, error => error.StartsWith("CHECK_INTERVAL_SECONDS=0 is out of range: use a value from 1 to 86400", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("MAX_CONCURRENT_SCRAPERS=99", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains("SKIP_SITES contains 'ebay'", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_SiteOverridesAndWebhookVariables_Apply()
    {
        var configuration = Build(new()
        {
            ["GRIMMEISSEN_WEBHOOK_URL"] = "https://discord.com/api/webhooks/1/a",
            ["Sites:worldoftime:WebhookUrl"] = "https://discord.com/api/webhooks/2/b",
            ["WORLDOFTIME_WEBHOOK_URL"] = "https://discord.com/api/webhooks/3/c",
            ["Sites:watch_out:ProductsJsonUrl"] = "http://127.0.0.1:5080/watch_out/products.json",
            ["Sites:rueschenbeck:Enabled"] = "false",
            ["SKIP_SITES"] = "tropicalwatch",
        });

        var sites = MonitoredSites.Resolve(configuration, configuration.Get<MonitorOptions>()!).ToDictionary(site => site.Key);

        Assert.Equal("https://discord.com/api/webhooks/1/a", sites["grimmeissen"].WebhookUrl);
        Assert.Equal("https://discord.com/api/webhooks/2/b", sites["worldoftime"].WebhookUrl);
        Assert.Equal("http://127.0.0.1:5080/watch_out/products.json", sites["watch_out"].Endpoints.ProductsJsonUrl);
        Assert.Equal("https://www.watch-out.shop", sites["watch_out"].Endpoints.BaseUrl);
        Assert.False(sites["rueschenbeck"].Enabled);
        Assert.False(sites["tropicalwatch"].Enabled);
        Assert.Null(sites["juwelier_exchange"].WebhookUrl);
        Assert.True(sites["juwelier_exchange"].Enabled);
    }

    [Fact]
    public void Validate_BadWebhook_MasksIt()
    {
        var configuration = Build(new() { ["GRIMMEISSEN_WEBHOOK_URL"] = "discord.com/api/webhooks/123456/supersecret" });

        var errors = MonitorOptionsValidator.Validate(MonitoredSites.Resolve(configuration, new MonitorOptions()));

        var error = Assert.Single(errors);
        Assert.StartsWith("GRIMMEISSEN_WEBHOOK_URL", error, StringComparison.Ordinal);
        Assert.DoesNotContain("supersecret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void DotEnv_ReferenceStyleFile_ReadsPairs()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".env");
        File.WriteAllText(path, """
            # comment
            CHECK_INTERVAL_SECONDS=180
            export USER_AGENT="Mozilla/5.0 (X11)"
            SKIP_SITES='watch_out'
            Sites__grimmeissen__Enabled=false # trailing comment

            """);
        try
        {
            var values = DotEnvFile.Read(path);

            Assert.Equal("180", values["CHECK_INTERVAL_SECONDS"]);
            Assert.Equal("Mozilla/5.0 (X11)", values["USER_AGENT"]);
            Assert.Equal("watch_out", values["SKIP_SITES"]);
            Assert.Equal("false", values["Sites:grimmeissen:Enabled"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DotEnv_MalformedLine_NamesLineWithoutSecret()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".env");
        File.WriteAllText(path, "A=1\nhttps://discord.com/api/webhooks/1/secret\n");
        try
        {
            var exception = Assert.Throws<FormatException>(() => DotEnvFile.Read(path));

            Assert.Contains("line 2", exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IConfiguration Build(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
