using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;

namespace WatchMonitor.Core.Tests.Configuration;

/// <summary>
/// Every setting <see cref="MonitorSettings.Load"/> knows, with a bad value: start is refused with one line that
/// names the key, the value and the fix (issue 6, part 3).
/// </summary>
public sealed class InvalidConfigurationTests
{
    public static TheoryData<string, string, string> OutOfRange => new()
    {
        { "CHECK_INTERVAL_SECONDS", "0", "CHECK_INTERVAL_SECONDS=0 is out of range: use a value from 1 to 86400 seconds, or remove it for the default." },
        { "CHECK_INTERVAL_SECONDS", "86401", "CHECK_INTERVAL_SECONDS=86401 is out of range: use a value from 1 to 86400 seconds" },
        { "MAX_CONCURRENT_SCRAPERS", "0", "MAX_CONCURRENT_SCRAPERS=0 is out of range: use a value from 1 to 16 sites" },
        { "MAX_CONCURRENT_SCRAPERS", "17", "MAX_CONCURRENT_SCRAPERS=17 is out of range: use a value from 1 to 16 sites" },
        { "MAX_CONCURRENT_DETAILS", "21", "MAX_CONCURRENT_DETAILS=21 is out of range: use a value from 1 to 20 pages" },
        { "DETAIL_PAGE_DELAY", "-0.5", "DETAIL_PAGE_DELAY=-0.5 is out of range: use a value from 0 to 60 seconds" },
        { "REQUEST_TIMEOUT", "0.5", "REQUEST_TIMEOUT=0.5 is out of range: use a value from 1 to 300 seconds" },
        { "MAX_RETRIES", "-1", "MAX_RETRIES=-1 is out of range: use a value from 0 to 10 retries" },
        { "RETRY_BACKOFF_FACTOR", "61", "RETRY_BACKOFF_FACTOR=61 is out of range: use a value from 0 to 60 seconds" },
        { "MAX_RESPONSE_SIZE_MB", "101", "MAX_RESPONSE_SIZE_MB=101 is out of range: use a value from 1 to 100 MB" },
        { "MAX_SEEN_ITEMS_PER_SITE", "99", "MAX_SEEN_ITEMS_PER_SITE=99 is out of range: use a value from 100 to 1000000 ids" },
        { "SESSION_HISTORY_RETENTION_DAYS", "0", "SESSION_HISTORY_RETENTION_DAYS=0 is out of range: use a value from 1 to 3650 days" },
        { "MAX_SESSION_HISTORY_ENTRIES", "9", "MAX_SESSION_HISTORY_ENTRIES=9 is out of range: use a value from 10 to 100000 sessions" },
        { "MAX_OUTBOX_ENTRIES", "100001", "MAX_OUTBOX_ENTRIES=100001 is out of range: use a value from 10 to 100000 messages" },
        { "EXCHANGE_RATE_CACHE_DURATION", "59", "EXCHANGE_RATE_CACHE_DURATION=59 is out of range: use a value from 60 to 604800 seconds" },
        { "EXCHANGE_RATE_MAX_AGE", "600", "EXCHANGE_RATE_MAX_AGE=600 is out of range: use a value from 3600 to 31536000 seconds" },
        { "LEASE_SECONDS", "4", "LEASE_SECONDS=4 is out of range: use a value from 5 to 86400 seconds, or remove it for the default." },
        { "INSTANCE_NAME", new string('x', 101), "INSTANCE_NAME is 101 characters long: use at most 100" },
        // The exchange-rate URL may carry an API key, so it is shown masked.
        { "EXCHANGE_RATE_API_URL", "api.exchangerate-api.com/v4/latest/USD", "EXCHANGE_RATE_API_URL=*** is not an absolute http(s) URL: use a full address such as https://example.com/path." },
        { "EXCHANGE_RATE_API_URL", "ftp://example.com/rates", "EXCHANGE_RATE_API_URL=ftp://example.com/*** is not an absolute http(s) URL" },
        { "USER_AGENT", " ", "USER_AGENT is empty: set it to a value or remove it for the default." },
        { "SEEN_WATCHES_FILE", " ", "SEEN_WATCHES_FILE is empty: set it to a value or remove it for the default." },
        { "SESSION_HISTORY_FILE", " ", "SESSION_HISTORY_FILE is empty: set it to a value or remove it for the default." },
        { "SKIP_SITES", "grimmeissen,ebay", "SKIP_SITES contains 'ebay', which is no site key. Use a comma-separated list of: " },
        { "MEMORY_WARNING_THRESHOLD_MB", "31", "MEMORY_WARNING_THRESHOLD_MB=31 is out of range: use a value from 32 to 65536 MB" },
        { "MEMORY_CRITICAL_THRESHOLD_MB", "70000", "MEMORY_CRITICAL_THRESHOLD_MB=70000 is out of range: use a value from 32 to 65536 MB" },
        { "MEMORY_CRITICAL_THRESHOLD_MB", "300", "MEMORY_CRITICAL_THRESHOLD_MB=300 must be above MEMORY_WARNING_THRESHOLD_MB=400: raise the critical threshold or lower the warning one" },
        { "FORCE_GC_EVERY_N_CYCLES", "0", "FORCE_GC_EVERY_N_CYCLES=0 is out of range: use a value from 1 to 10000 cycles" },
        { "MEMORY_RECOVERY_CYCLES", "1001", "MEMORY_RECOVERY_CYCLES=1001 is out of range: use a value from 1 to 1000 cycles" },
        { "MEMORY_REPORT_EVERY_N_CYCLES", "-1", "MEMORY_REPORT_EVERY_N_CYCLES=-1 is out of range: use a value from 0 to 100000 cycles" },
        { "MEMORY_REPORTS_DIR", " ", "MEMORY_REPORTS_DIR is empty: set it to a writable folder or remove it for the default (reports)." },
        { "Sites:grimmeissen:ListingUrl", "/neuzugaenge", "Sites:grimmeissen:ListingUrl=/neuzugaenge is not an absolute http(s) URL" },
        { "Sites:watch_out:BaseUrl", "www.watch-out.shop", "Sites:watch_out:BaseUrl=www.watch-out.shop is not an absolute http(s) URL" },
        { "Sites:watch_out:ProductsJsonUrl", "products.json", "Sites:watch_out:ProductsJsonUrl=products.json is not an absolute http(s) URL" },
        { "Sites:grimeissen:WebhookUrl", "https://discord.com/api/webhooks/1/a", "Sites:grimeissen (environment Sites__grimeissen__…) is no site key. Use one of: " },
        { "Sites:tropicalwatch:Webhook", "https://discord.com/api/webhooks/1/a", "Sites:tropicalwatch:Webhook is no site setting. Use one of: ListingUrl, BaseUrl, ProductsJsonUrl, WebhookUrl, Enabled, ThreadName." },
    };

    public static TheoryData<string, string, string> NotANumber => new()
    {
        { "CHECK_INTERVAL_SECONDS", "5m", "CHECK_INTERVAL_SECONDS='5m' is not a whole number such as 300: fix the value, or remove it for the default." },
        { "MAX_RETRIES", "three", "MAX_RETRIES='three' is not a whole number such as 300" },
        { "DETAIL_PAGE_DELAY", "1,5", "DETAIL_PAGE_DELAY='1,5' is not a plain number such as 1.5 (with a dot)" },
        { "MEMORY_WARNING_THRESHOLD_MB", "400MB", "MEMORY_WARNING_THRESHOLD_MB='400MB' is not a whole number such as 300" },
        { "ENABLE_NOTIFICATIONS", "yes", "ENABLE_NOTIFICATIONS='yes' is not true or false: fix the value, or remove it for the default." },
        { "MEMORY_PROFILING", "on", "MEMORY_PROFILING='on' is not true or false" },
        { "Sites:rueschenbeck:Enabled", "maybe", "Sites:rueschenbeck:Enabled='maybe' is not true or false" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Load_InvalidValue_FailsNamingKeyValueAndFix(string key, string value, string expected) =>
        AssertRefused(new() { [key] = value }, expected);

    [Theory]
    [MemberData(nameof(NotANumber))]
    public void Load_ValueOfTheWrongType_FailsNamingKeyValueAndWhatIsExpected(string key, string value, string expected) =>
        AssertRefused(new() { [key] = value }, expected);

    [Theory]
    [InlineData("discord.com/api/webhooks/123456789/SECRET-token-value")]
    [InlineData("htps://discord.com/api/webhooks/123456789/SECRET-token-value")]
    [InlineData("https//discord.com/api/webhooks/123456789/SECRET-token-value")]
    public void Load_MalformedWebhookUrl_FailsWithoutPrintingTheToken(string webhook)
    {
        var exception = Assert.Throws<InvalidConfigurationException>(() => MonitorSettings.Load(Build(new() { ["GRIMMEISSEN_WEBHOOK_URL"] = webhook })));

        var error = Assert.Single(exception.Errors);
        Assert.StartsWith("GRIMMEISSEN_WEBHOOK_URL (or Sites:grimmeissen:WebhookUrl)=", error, StringComparison.Ordinal);
        Assert.EndsWith("is not an absolute http(s) URL: use a full address such as https://example.com/path.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ReportsEachOnItsOwnLine()
    {
        var exception = Assert.Throws<InvalidConfigurationException>(() => MonitorSettings.Load(Build(new()
        {
            ["CHECK_INTERVAL_SECONDS"] = "0",
            ["MAX_OUTBOX_ENTRIES"] = "1",
            ["Sites:ebay:ListingUrl"] = "https://ebay.example/new",
        })));

        Assert.Equal(3, exception.Errors.Count);
        Assert.Equal(4, exception.Message.Split(Environment.NewLine).Length);
        Assert.StartsWith("Invalid configuration:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SiteKeysInAnyCase_AreAccepted()
    {
        var settings = MonitorSettings.Load(Build(new() { ["Sites:WATCH_OUT:Enabled"] = "false", ["sites:grimmeissen:listingurl"] = "https://example.com/new" }));

        Assert.False(settings.Sites.Single(site => site.Key == "watch_out").Enabled);
        Assert.Equal("https://example.com/new", settings.Sites.Single(site => site.Key == "grimmeissen").Endpoints.ListingUrl);
    }

    [Fact]
    public void Read_DotEnvLineWithoutEquals_NamesFileAndLineWithoutEchoingIt()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("watchmon-env-").FullName, ".env");
        File.WriteAllLines(path, ["# settings", "CHECK_INTERVAL_SECONDS=300", "", "GRIMMEISSEN_WEBHOOK_URL https://discord.com/api/webhooks/1/SECRET"]);
        try
        {
            var exception = Assert.Throws<FormatException>(() => DotEnvFile.Read(path));

            Assert.Equal($"{path} line 4 is not KEY=VALUE: 'GRIMMEISSEN_…'. Fix or comment out that line.", exception.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static void AssertRefused(Dictionary<string, string?> values, string expected)
    {
        var exception = Assert.Throws<InvalidConfigurationException>(() => MonitorSettings.Load(Build(values)));

        var error = Assert.Single(exception.Errors);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Contains(error, exception.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Build(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
