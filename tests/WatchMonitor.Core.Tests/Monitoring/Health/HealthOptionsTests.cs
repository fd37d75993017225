using Microsoft.Extensions.Configuration;
using WatchMonitor.Monitoring.Health;

namespace WatchMonitor.Core.Tests.Monitoring.Health;

public sealed class HealthOptionsTests
{
    [Fact]
    public void FromConfiguration_Nothing_Defaults()
    {
        var options = HealthOptions.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.True(options.Enabled);
        Assert.Equal("http://127.0.0.1:8765", options.Url);
        Assert.Equal(300, options.StartupGraceSeconds);
        Assert.Empty(HealthOptions.Validate(options));
    }

    [Fact]
    public void FromConfiguration_EnvironmentForm_Reads()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["HEALTH_ENABLED"] = "False",
                ["Health:Url"] = " http://0.0.0.0:9000 ",
                ["Health:StartupGraceSeconds"] = "30",
            })
            .Build();

        var options = HealthOptions.FromConfiguration(configuration);

        Assert.False(options.Enabled);
        Assert.Equal("http://0.0.0.0:9000", options.Url);
        Assert.Equal(30, options.StartupGraceSeconds);
        Assert.Empty(HealthOptions.Validate(options));
    }

    [Theory]
    [InlineData("HEALTH_ENABLED", "nope", "HEALTH_ENABLED=nope is not a boolean")]
    [InlineData("Health:Url", "https://127.0.0.1:8765", "Health:Url=https://127.0.0.1:8765 is not a listen address")]
    [InlineData("Health:Url", "127.0.0.1:8765", "Health:Url=127.0.0.1:8765 is not a listen address")]
    [InlineData("Health:Url", "http://127.0.0.1:8765/health", "Health:Url=http://127.0.0.1:8765/health is not a listen address")]
    [InlineData("Health:Url", "http://monitor.example:8765", "Health:Url=http://monitor.example:8765 is not a listen address")]
    [InlineData("Health:Url", "http://localhost:0", "Health:Url=http://localhost:0: port 0")]
    [InlineData("Health:StartupGraceSeconds", "soon", "Health:StartupGraceSeconds must be")]
    [InlineData("Health:StartupGraceSeconds", "-5", "Health:StartupGraceSeconds must be")]
    [InlineData("Health:Url", "http://0.0.0.0:8765", "Health:Url=http://0.0.0.0:8765 can be reached from other machines, so the dashboard needs Health__AccessToken")]
    [InlineData("Health:Url", "http://[::]:8765", "Health:Url=http://[::]:8765 can be reached from other machines")]
    [InlineData("Health:AccessToken", "short", "Health:AccessToken is 5 characters long: use at least 16")]
    public void Validate_BadValue_NamesKey(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Single(HealthOptions.Validate(HealthOptions.FromConfiguration(configuration)));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8765")]
    [InlineData("http://192.168.1.10:8765")]
    public void Validate_NotLoopbackWithToken_Accepted(string url)
    {
        var options = new HealthOptions { Url = url, AccessToken = "0123456789abcdef0123" };

        Assert.Empty(HealthOptions.Validate(options));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8765", true)]
    [InlineData("http://127.9.9.9:8765", true)]
    [InlineData("http://localhost:8765", true)]
    [InlineData("http://[::1]:8765", true)]
    [InlineData("http://0.0.0.0:8765", false)]
    [InlineData("http://[::]:8765", false)]
    [InlineData("http://192.168.1.10:8765", false)]
    public void IsLoopback_Address_Classifies(string url, bool expected)
    {
        Assert.True(HealthOptions.TryParseListenUrl(url, out var uri));
        Assert.Equal(expected, HealthOptions.IsLoopback(uri));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8765", "http://127.0.0.1:8765/")]
    [InlineData("http://[::]:8765", "http://[::1]:8765/")]
    [InlineData("http://localhost:9000", "http://localhost:9000/")]
    public void ClientUri_Wildcard_BecomesLoopback(string url, string expected)
    {
        Assert.True(HealthOptions.TryParseListenUrl(url, out var uri));
        Assert.Equal(expected, HealthOptions.ClientUri(uri).ToString());
    }
}
