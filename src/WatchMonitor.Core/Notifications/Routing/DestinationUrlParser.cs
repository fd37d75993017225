using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace WatchMonitor.Notifications.Routing;

/// <summary>
/// The destination URL forms of docs/notifications.md#destination-urls. Every error shows the URL masked: a
/// webhook token, an ntfy topic or a bot token in a log is as good as the password.
/// </summary>
internal static partial class DestinationUrlParser
{
    private const string Forms =
        "Use a Discord webhook (https://discord.com/api/webhooks/<id>/<token>), ntfy://host/topic or ntfys://host/topic, "
        + "tgram://<bot-token>/<chat-id>, https://hooks.slack.com/services/…, or json://host/path or jsons://host/path.";

    public static bool TryParse(string text, [NotNullWhen(true)] out DestinationAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "is empty. " + Forms;
            return false;
        }

        if (trimmed.AsSpan().IndexOfAny('<', '>') >= 0)
        {
            error = $"{MaskUnknown(trimmed)} still holds a placeholder such as <token>: paste the real URL.";
            return false;
        }

        var scheme = SchemeOf(trimmed);
        error = scheme switch
        {
            "http" or "https" => ParseWeb(trimmed, out address),
            "ntfy" or "ntfys" => ParseNtfy(trimmed, scheme == "ntfys", out address),
            "tgram" => ParseTelegram(trimmed, out address),
            "json" or "jsons" => ParseJson(trimmed, scheme == "jsons", out address),
            null => $"{MaskUnknown(trimmed)} is not a URL. {Forms}",
            _ => $"{MaskUnknown(trimmed)}: '{scheme}' is not a destination scheme. {Forms}",
        };
        return error is null;
    }

    /// <summary>Lowercase scheme and host, no default port, no trailing slash: one key however the URL is spelled.</summary>
    public static string Normalize(Uri uri)
    {
        var path = uri.AbsolutePath.TrimEnd('/');
        return $"{uri.Scheme}://{Authority(uri)}{path}{uri.Query}";
    }

    private static string? ParseWeb(string text, out DestinationAddress? address)
    {
        address = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return $"{MaskUnknown(text)} is not a valid URL. {Forms}";
        }

        var masked = $"{uri.Scheme}://{Authority(uri)}/***";
        if (uri.UserInfo.Length > 0)
        {
            return $"{masked} carries a user name or password before the host: remove it.";
        }

        var segments = Segments(uri);
        if (string.Equals(uri.Host, "hooks.slack.com", StringComparison.OrdinalIgnoreCase))
        {
            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                return $"{masked}: a Slack webhook is https://hooks.slack.com/services/…; use https.";
            }

            if (segments.Length != 4 || segments[0] != "services" || segments.Skip(1).Any(segment => segment.Length == 0))
            {
                return $"https://hooks.slack.com/services/*** is not a Slack webhook: copy the whole URL Slack gives, https://hooks.slack.com/services/T…/B…/….";
            }

            address = Create(DestinationKind.Slack, text, Normalize(uri), "https://hooks.slack.com/services/***") with { Endpoint = uri };
            return null;
        }

        var webhooks = DiscordWebhookStart(segments);
        if (webhooks < 0)
        {
            return $"{masked} is neither a Discord webhook (…/api/webhooks/<id>/<token>) nor a Slack webhook (https://hooks.slack.com/services/…). For any other JSON endpoint use json:// or jsons://.";
        }

        if (segments.Length != webhooks + 3 || !DiscordId().IsMatch(segments[webhooks + 1]) || segments[webhooks + 2].Length == 0)
        {
            return $"{uri.Scheme}://{Authority(uri)}/api/webhooks/*** is not a whole Discord webhook: copy it again from Discord (channel settings > Integrations > Webhooks > Copy Webhook URL), https://discord.com/api/webhooks/<id>/<token>.";
        }

        address = Create(DestinationKind.Discord, text, Normalize(uri), $"{uri.Scheme}://{Authority(uri)}/api/webhooks/***") with { Endpoint = uri };
        return null;
    }

    // "api/webhooks/…" or "api/v10/webhooks/…": the index of "webhooks", or -1.
    private static int DiscordWebhookStart(string[] segments)
    {
        if (segments.Length >= 2 && segments[0] == "api" && segments[1] == "webhooks")
        {
            return 1;
        }

        return segments.Length >= 3 && segments[0] == "api" && ApiVersion().IsMatch(segments[1]) && segments[2] == "webhooks" ? 2 : -1;
    }

    private static string? ParseNtfy(string text, bool secure, out DestinationAddress? address)
    {
        address = null;
        var scheme = secure ? "ntfys" : "ntfy";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return $"{scheme}://*** is not a valid ntfy URL: use {scheme}://host[:port]/[path/]topic, e.g. {scheme}://ntfy.sh/my_watch_alerts.";
        }

        var masked = $"{scheme}://{Authority(uri)}/***";
        if (uri.UserInfo.Length > 0)
        {
            return $"{masked} carries a user name or password before the host: use an access token instead, {scheme}://host/topic?token=tk_….";
        }

        var segments = Segments(uri);
        if (segments.Length == 0 || segments[^1].Length == 0)
        {
            return $"{masked} has no topic: use {scheme}://{Authority(uri)}/<topic>.";
        }

        var topic = segments[^1];
        if (!NtfyTopic().IsMatch(topic))
        {
            return $"{masked}: the topic may hold only letters, digits, '-' and '_' (at most 64).";
        }

        if (!TryReadToken(uri.Query, out var token, out var problem))
        {
            return $"{masked}: {problem}";
        }

        var endpoint = new Uri($"{WebScheme(secure)}://{Authority(uri)}/{string.Join('/', segments)}");
        address = Create(DestinationKind.Ntfy, text, Normalize(uri), masked) with { Endpoint = endpoint, AccessToken = token, Topic = topic };
        return null;
    }

    private static bool TryReadToken(string query, out string? token, [NotNullWhen(false)] out string? problem)
    {
        token = null;
        problem = null;
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!string.Equals(name, "token", StringComparison.OrdinalIgnoreCase))
            {
                problem = $"'{Uri.UnescapeDataString(name)}' is no ntfy URL parameter; the only one is ?token=<access token>.";
                return false;
            }

            if (value.Length == 0 || token is not null)
            {
                problem = token is null ? "?token= is empty: give the access token or remove the parameter." : "?token= is given twice: keep one.";
                return false;
            }

            token = value;
        }

        return true;
    }

    private static string? ParseTelegram(string text, out DestinationAddress? address)
    {
        address = null;
        const string Form = "use tgram://<bot-token>/<chat-id>, e.g. tgram://123456789:AAE…/-1001234567890 (the token from @BotFather, the chat's id or @channel).";
        var rest = text["tgram://".Length..];
        if (rest.Contains('?', StringComparison.Ordinal) || rest.Contains('#', StringComparison.Ordinal))
        {
            return $"tgram://***/*** has parameters after the chat id: remove them; {Form}";
        }

        var parts = rest.TrimEnd('/').Split('/');
        if (parts.Length == 0 || parts[0].Length == 0)
        {
            return $"tgram:// has no bot token: {Form}";
        }

        if (!BotToken().IsMatch(parts[0]))
        {
            return $"tgram://***/***: the bot token is not '<digits>:<letters>': {Form}";
        }

        if (parts.Length < 2 || parts[1].Length == 0)
        {
            return $"tgram://***/ has no chat id: {Form}";
        }

        if (parts.Length > 2 || !ChatId().IsMatch(parts[1]))
        {
            return $"tgram://***/***: the chat id is not a number such as -1001234567890 or a @channel name: {Form}";
        }

        address = Create(DestinationKind.Telegram, text, $"tgram://{parts[0]}/{parts[1]}", "tgram://***/***") with { BotToken = parts[0], ChatId = parts[1] };
        return null;
    }

    private static string? ParseJson(string text, bool secure, out DestinationAddress? address)
    {
        address = null;
        var scheme = secure ? "jsons" : "json";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return $"{scheme}://*** is not a valid URL: use {scheme}://host[:port]/path, e.g. {scheme}://example.org/watch-alerts.";
        }

        var masked = $"{scheme}://{Authority(uri)}/***";
        if (uri.UserInfo.Length > 0)
        {
            return $"{masked} carries a user name or password before the host: put a token in the path or query instead.";
        }

        var endpoint = new Uri($"{WebScheme(secure)}://{Authority(uri)}{uri.AbsolutePath}{uri.Query}");
        address = Create(DestinationKind.Json, text, Normalize(uri), masked) with { Endpoint = endpoint };
        return null;
    }

    private static DestinationAddress Create(DestinationKind kind, string url, string normalized, string masked) =>
        new(kind, url, DestinationAddress.KeyFor(kind, normalized), masked);

    /// <summary>The scheme in lowercase, or null when the text has no "scheme://".</summary>
    private static string? SchemeOf(string text)
    {
        var match = Scheme().Match(text);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    private static string MaskUnknown(string text) => SchemeOf(text) is { } scheme ? scheme + "://***" : "***";

    private static string[] Segments(Uri uri)
    {
        var path = uri.AbsolutePath.Trim('/');
        return path.Length == 0 ? [] : path.Split('/');
    }

    private static string WebScheme(bool secure) => secure ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;

    // Custom schemes have no default port for Uri; ntfy:// and json:// speak HTTP, so 80 and 443 are theirs.
    private static bool DefaultPort(Uri uri, bool secure) => uri.IsDefaultPort || uri.Port == -1 || uri.Port == (secure ? 443 : 80);

    private static string Authority(Uri uri)
    {
        var secure = uri.Scheme is "https" or "ntfys" or "jsons";
        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost.ToLowerInvariant();
        return DefaultPort(uri, secure) ? host : $"{host}:{uri.Port}";
    }

    // "ntfys://", "HTTPS://".
    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    // "v10" in /api/v10/webhooks/….
    [GeneratedRegex("^v[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersion();

    // "1234567890123456789": a Discord snowflake.
    [GeneratedRegex("^[0-9]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex DiscordId();

    // "my_watch-alerts".
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NtfyTopic();

    // "123456789:AAEhBP0av28PJk9yHxLBT-example".
    [GeneratedRegex("^[0-9]{1,20}:[A-Za-z0-9_-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex BotToken();

    // "-1001234567890", "42", "@watch_alerts".
    [GeneratedRegex("^(-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$", RegexOptions.CultureInvariant)]
    private static partial Regex ChatId();
}
