using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace WatchMonitor.Monitoring.Health;

/// <summary>The health endpoint's settings: <c>HEALTH_ENABLED</c> and the <c>Health</c> section.</summary>
public sealed class HealthOptions
{
    public const string DefaultUrl = "http://127.0.0.1:8765";

    /// <summary>Serve <c>/health</c> and <c>/metrics</c>; <c>HEALTH_ENABLED</c> (or <c>Health:Enabled</c>), default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where to listen, <c>Health:Url</c> (<c>Health__Url</c> as a variable); default http://127.0.0.1:8765. Loopback
    /// unless set otherwise: the endpoint has no authentication. Port 0 picks a free port.
    /// </summary>
    public string Url { get; set; } = DefaultUrl;

    /// <summary>
    /// The secret every endpoint but <c>/health</c> asks for once set, <c>Health:AccessToken</c>
    /// (<c>Health__AccessToken</c>); required when <see cref="Url"/> is not a loopback address. At least
    /// <see cref="MinimumTokenLength"/> characters. See docs/dashboard.md.
    /// </summary>
    public string? AccessToken { get; set; }

    public const int MinimumTokenLength = 16;

    /// <summary>
    /// Seconds the first cycle gets on top of 3 check intervals before the monitor counts as stuck,
    /// <c>Health:StartupGraceSeconds</c>; default 300, 0–86400.
    /// </summary>
    public int StartupGraceSeconds { get; set; } = 300;

    /// <summary>A value of HEALTH_ENABLED that is no boolean, kept for the validator's message.</summary>
    internal string? UnreadableEnabled { get; set; }

    public TimeSpan StartupGrace => TimeSpan.FromSeconds(StartupGraceSeconds);

    /// <summary>Reads the settings; invalid values are left for <see cref="Validate(HealthOptions)"/> to report.</summary>
    public static void Bind(IConfiguration configuration, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var enabled = configuration["HEALTH_ENABLED"] ?? configuration["Health:Enabled"];
        if (!string.IsNullOrWhiteSpace(enabled))
        {
            if (bool.TryParse(enabled.Trim(), out var value))
            {
                options.Enabled = value;
            }
            else
            {
                options.UnreadableEnabled = enabled;
            }
        }

        var url = configuration["Health:Url"];
        if (!string.IsNullOrWhiteSpace(url))
        {
            options.Url = url.Trim();
        }

        var token = configuration["Health:AccessToken"];
        if (!string.IsNullOrWhiteSpace(token))
        {
            options.AccessToken = token.Trim();
        }

        var grace = configuration["Health:StartupGraceSeconds"];
        if (!string.IsNullOrWhiteSpace(grace))
        {
            options.StartupGraceSeconds = int.TryParse(grace, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : -1;
        }
    }

    public static HealthOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new HealthOptions();
        Bind(configuration, options);
        return options;
    }

    public static IReadOnlyList<string> Validate(HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.UnreadableEnabled is not null)
        {
            errors.Add($"HEALTH_ENABLED={options.UnreadableEnabled} is not a boolean: use true or false.");
        }

        if (options.StartupGraceSeconds is < 0 or > 86_400)
        {
            errors.Add("Health:StartupGraceSeconds must be a whole number of seconds from 0 to 86400 (default 300).");
        }

        if (!TryParseListenUrl(options.Url, out var url))
        {
            errors.Add($"Health:Url={options.Url} is not a listen address: use http://<IP address or localhost>:<port>, e.g. {DefaultUrl} (this machine only) or http://0.0.0.0:8765 (every interface).");
        }

        else if (url.Port == 0 && !IPAddress.TryParse(url.Host.Trim('[', ']'), out _))
        {
            errors.Add($"Health:Url={options.Url}: port 0 (any free port) needs an IP address, e.g. http://127.0.0.1:0.");
        }
        else if (options.Enabled && !IsLoopback(url) && string.IsNullOrEmpty(options.AccessToken))
        {
            errors.Add($"Health:Url={options.Url} can be reached from other machines, so the dashboard needs Health__AccessToken: set it to a long random secret (e.g. the output of 'openssl rand -hex 24'), or listen on this machine only with Health__Url={DefaultUrl}.");
        }

        if (options.AccessToken is { Length: < MinimumTokenLength })
        {
            errors.Add($"Health:AccessToken is {options.AccessToken.Length} characters long: use at least {MinimumTokenLength} random characters (e.g. the output of 'openssl rand -hex 24').");
        }

        return errors;
    }

    /// <summary>Parses an http URL whose host is an IP address or localhost, with no path: what Kestrel can bind.</summary>
    public static bool TryParseListenUrl(string? url, out Uri uri)
    {
        uri = null!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || parsed.Scheme != Uri.UriSchemeHttp
            || parsed.AbsolutePath != "/"
            || !string.IsNullOrEmpty(parsed.Query)
            || !(parsed.IsLoopback || parsed.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    /// <summary>Whether the address is reachable from this machine only (localhost, 127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>
    /// The URL a client on this machine uses for a listen address: a wildcard host (0.0.0.0, [::]) becomes the
    /// matching loopback address.
    /// </summary>
    public static Uri ClientUri(Uri listenUri)
    {
        ArgumentNullException.ThrowIfNull(listenUri);
        if (IPAddress.TryParse(listenUri.Host.Trim('[', ']'), out var address))
        {
            if (address.Equals(IPAddress.Any))
            {
                return new UriBuilder(listenUri) { Host = "127.0.0.1" }.Uri;
            }

            if (address.Equals(IPAddress.IPv6Any))
            {
                return new UriBuilder(listenUri) { Host = "[::1]" }.Uri;
            }
        }

        return listenUri;
    }
}

/// <summary>Fails the start with every bad health setting named.</summary>
public sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var errors = HealthOptions.Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
