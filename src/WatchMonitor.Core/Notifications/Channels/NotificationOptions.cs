using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;

namespace WatchMonitor.Notifications.Channels;

/// <summary>What a price change or sale does on Discord (<c>Notifications:Discord:Updates</c>).</summary>
public enum DiscordUpdates
{
    /// <summary>Edit the original alert and post the change as a message of its own.</summary>
    Both,

    /// <summary>Only edit the original alert (a new message when there is none to edit).</summary>
    Edit,

    /// <summary>Only post the change; alerts are never edited, so several share one message.</summary>
    New,
}

/// <summary>The channel settings of <c>Notifications:…</c> (docs/notifications.md#channels).</summary>
public sealed record NotificationOptions
{
    public const string TelegramApiUrlKey = "Notifications:TelegramApiUrl";
    public const string DiscordUpdatesKey = "Notifications:Discord:Updates";

    /// <summary>Where Telegram's bot API is; a test points it at a local fake.</summary>
    public Uri TelegramApiUrl { get; init; } = new("https://api.telegram.org");

    public DiscordUpdates DiscordUpdates { get; init; } = DiscordUpdates.Both;

    /// <summary>Forum post names per route (<c>Notifications:Routes:&lt;name&gt;:ThreadName</c>) and per site (<c>Sites:&lt;key&gt;:ThreadName</c>).</summary>
    public IReadOnlyDictionary<string, string> RouteThreadNames { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string> SiteThreadNames { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="InvalidConfigurationException">A value is invalid; the message names the key.</exception>
    public static NotificationOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var options = new NotificationOptions();
        if (configuration[TelegramApiUrlKey] is { Length: > 0 } telegram)
        {
            if (Uri.TryCreate(telegram.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                options = options with { TelegramApiUrl = uri };
            }
            else
            {
                errors.Add($"{TelegramApiUrlKey} (environment Notifications__TelegramApiUrl)='{telegram}' is not an http(s) URL: remove it for https://api.telegram.org.");
            }
        }

        if (configuration[DiscordUpdatesKey] is { Length: > 0 } updates)
        {
            if (Enum.TryParse<DiscordUpdates>(updates.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(updates.Trim()[0]))
            {
                options = options with { DiscordUpdates = parsed };
            }
            else
            {
                errors.Add($"{DiscordUpdatesKey} (environment Notifications__Discord__Updates)='{updates}' is not edit, new or both: remove it for both.");
            }
        }

        var routeThreads = ReadThreadNames(configuration.GetSection("Notifications:Routes"), "Notifications:Routes", errors);
        var siteThreads = ReadThreadNames(configuration.GetSection("Sites"), "Sites", errors);
        return errors.Count > 0
            ? throw new InvalidConfigurationException(errors)
            : options with { RouteThreadNames = routeThreads, SiteThreadNames = siteThreads };
    }

    private static Dictionary<string, string> ReadThreadNames(IConfigurationSection parent, string path, List<string> errors)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in parent.GetChildren())
        {
            if (section["ThreadName"] is not { } name)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(name) || name.Length > ThreadNames.MaxLength)
            {
                errors.Add($"{path}:{section.Key}:ThreadName must be 1 to {ThreadNames.MaxLength} characters ({{title}} and {{site}} are replaced); remove it for a channel that is no forum.");
                continue;
            }

            names[section.Key] = name.Trim();
        }

        return names;
    }
}

/// <summary>The name of the forum post a Discord message opens: a template with <c>{title}</c> and <c>{site}</c>.</summary>
public static class ThreadNames
{
    /// <summary>Discord's limit for a thread's name.</summary>
    public const int MaxLength = 100;

    public static string Render(string template, string title, string siteName)
    {
        ArgumentNullException.ThrowIfNull(template);
        var name = template.Replace("{title}", title, StringComparison.OrdinalIgnoreCase).Replace("{site}", siteName, StringComparison.OrdinalIgnoreCase);
        return name.Length <= MaxLength ? name : string.Concat(name.AsSpan(0, MaxLength - 1), "…");
    }
}
