using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace WatchMonitor.Notifications.Routing;

/// <summary>
/// One place notifications go to, read from a destination URL (docs/notifications.md#destination-urls).
/// </summary>
/// <param name="Kind">The channel.</param>
/// <param name="Url">The URL as given. A secret: never log it, log <paramref name="Masked"/>.</param>
/// <param name="Key">"&lt;kind&gt;-&lt;12 hex digits&gt;" from a hash of the normalized URL: stable across restarts, the same for the same
/// URL however it is spelled, and safe to log.</param>
/// <param name="Masked">Scheme and host with the secret parts replaced by "***".</param>
public sealed record DestinationAddress(DestinationKind Kind, string Url, string Key, string Masked)
{
    /// <summary>
    /// Where the sender posts: the webhook for Discord and Slack, the topic URL (http for ntfy://, https for ntfys://,
    /// path prefix kept, token removed) for ntfy, the http(s) URL for json. Null for Telegram, which posts to its bot API.
    /// A secret, like <see cref="Url"/>.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>ntfy: the <c>?token=</c> access token, sent as a bearer token; null without one.</summary>
    public string? AccessToken { get; init; }

    /// <summary>ntfy: the topic, the last path segment.</summary>
    public string? Topic { get; init; }

    /// <summary>Telegram: the bot token, "123456789:AA…".</summary>
    public string? BotToken { get; init; }

    /// <summary>Telegram: the chat id, "-1001234567890" or "@channel".</summary>
    public string? ChatId { get; init; }

    /// <summary>Reads a destination URL; the error names what is wrong and shows the URL masked only.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DestinationAddress? address, [NotNullWhen(false)] out string? error) =>
        DestinationUrlParser.TryParse(text, out address, out error);

    /// <summary>
    /// A site's own webhook (<c>&lt;SITE&gt;_WEBHOOK_URL</c>): always Discord, and any http(s) URL is taken as it was
    /// before routes existed. Null when <paramref name="webhookUrl"/> is not an absolute http(s) URL.
    /// </summary>
    public static DestinationAddress? ForSiteWebhook(string webhookUrl)
    {
        ArgumentNullException.ThrowIfNull(webhookUrl);
        if (DestinationUrlParser.TryParse(webhookUrl, out var parsed, out _) && parsed.Kind == DestinationKind.Discord)
        {
            return parsed;
        }

        var trimmed = webhookUrl.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return new DestinationAddress(
            DestinationKind.Discord, trimmed, KeyFor(DestinationKind.Discord, DestinationUrlParser.Normalize(uri)), $"{uri.Scheme}://{uri.Authority}/***")
        {
            Endpoint = uri,
        };
    }

    /// <summary>"discord-" and the first 12 hex digits of the SHA-256 of <paramref name="normalizedUrl"/>.</summary>
    internal static string KeyFor(DestinationKind kind, string normalizedUrl)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalizedUrl));
        return string.Concat(KindName(kind), "-", Convert.ToHexStringLower(hash.AsSpan(0, 6)));
    }

    /// <summary>"discord", "ntfy", "telegram", "slack", "json".</summary>
    public static string KindName(DestinationKind kind) => kind switch
    {
        DestinationKind.Discord => "discord",
        DestinationKind.Ntfy => "ntfy",
        DestinationKind.Telegram => "telegram",
        DestinationKind.Slack => "slack",
        DestinationKind.Json => "json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // Records print every member; this one holds secrets.
    public override string ToString() => $"{Key} ({Masked})";
}
