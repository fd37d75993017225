using System.Globalization;
using System.Text.RegularExpressions;
using WatchMonitor.Listings;
using WatchMonitor.Notifications.Events;
using WatchMonitor.Sites;

namespace WatchMonitor.Notifications.Discord;

/// <summary>Builds a listing's embed within Discord's limits (docs/parsing-rules.md#discord-embed).</summary>
public sealed partial class ListingEmbedBuilder(TimeProvider timeProvider)
{
    private const string ZeroWidthSpace = "\u200B";
    private const int TitleCutLength = 250;

    public DiscordEmbed BuildNewListing(Listing listing, SiteDefinition site) => Build(NotificationEvent.ForListing(EventKinds.New, listing, site));

    /// <summary>A price-change embed: the same layout with "old → new" (or sold / on request) as description.</summary>
    public DiscordEmbed BuildPriceChange(Listing listing, SiteDefinition site, string? previousPriceDisplay) =>
        Build(NotificationEvent.ForListing(EventKinds.PriceDrop, listing, site, previousPriceDisplay));

    /// <summary>The embed that announces <paramref name="notification"/>: a new listing, a price change or a layout alert.</summary>
    public DiscordEmbed Build(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Listing is not { } listing)
        {
            return new DiscordEmbed
            {
                Title = DiscordLimits.Fit(Marked(notification, notification.Headline), DiscordLimits.TitleLength),
                Description = notification.Text is null ? null : DiscordLimits.Fit(notification.Text, DiscordLimits.DescriptionLength),
                Url = notification.Link,
                Color = notification.Color,
            };
        }

        string? description = null;
        if (notification.IsPriceChange)
        {
            var before = notification.PreviousPriceDisplay ?? "❓";
            description = listing.PriceDisplay is null
                ? $"Sold / price on request (was {before})"
                : $"Price changed: {before} → {listing.PriceDisplay}";
        }

        return Build(notification, listing, description, Bold(listing.PriceDisplay ?? "❓"));
    }

    /// <summary>
    /// The original alert of a listing whose price changed, as it reads after the edit: the old price struck
    /// through and the new one beside it, or "Sold" marked.
    /// </summary>
    public DiscordEmbed BuildEditedAlert(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var listing = notification.Listing ?? throw new ArgumentException("An edit needs a listing.", nameof(notification));
        var before = notification.PreviousPriceDisplay is { } old ? "~~" + old + "~~ " : "";
        var price = listing.PriceDisplay is { } now ? before + Bold(now) : before + Bold("Sold / on request");
        return Build(notification, listing, description: null, price);
    }

    /// <summary>"Rolex Submariner | 16610" (docs/parsing-rules.md#discord-embed).</summary>
    public static string Title(Listing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var model = Chrono24Link.ModelWithoutBrand(listing.Brand, listing.Model);
        var title = string.Join(' ', new[] { listing.Brand, model }.Where(part => !string.IsNullOrEmpty(part)));
        if (title.Length == 0)
        {
            // A word boundary keeps "…Update" whole (the Python monitor cut its "Date").
            title = TrailingSuffix().Replace(listing.Title, "");
        }

        if (!string.IsNullOrEmpty(listing.Reference) && !title.Contains(listing.Reference, StringComparison.Ordinal))
        {
            title += " | " + listing.Reference;
        }

        title = title.Trim();
        if (title.Length > TitleCutLength)
        {
            title = title[..TitleCutLength] + "...";
        }

        return title.Length == 0 ? Listing.UnknownTitle : title;
    }

    private DiscordEmbed Build(NotificationEvent notification, EventListing listing, string? description, string price)
    {
        var title = listing.Title;
        var fields = new List<DiscordEmbedField>(10)
        {
            Field("💰 Price:", price, inline: false),
        };

        if (!string.IsNullOrEmpty(listing.Reference) && !title.Contains(listing.Reference, StringComparison.Ordinal))
        {
            fields.Add(Field("#️⃣ Reference:", Bold(listing.Reference), inline: false));
        }

        fields.Add(Field("🔍 Chrono24 Search:", $"[**Search similar**]({listing.Chrono24 ?? Chrono24Link.For(listing.Brand, listing.Model, listing.Reference)})", inline: false));
        fields.Add(Field(ZeroWidthSpace, ZeroWidthSpace, inline: false));
        AddOptional(fields, "🗓️ Year:", listing.Year);
        AddOptional(fields, "⭐ Condition:", listing.Condition);
        AddOptional(fields, "📦 Box:", Check(listing.Box));
        AddOptional(fields, "📄 Papers:", Check(listing.Papers));
        AddOptional(fields, "🔩 Case Material:", listing.CaseMaterial);
        AddOptional(fields, "📏 Diameter:", listing.Diameter);

        var detected = TimeZoneInfo.ConvertTime(notification.DetectedAt, timeProvider.LocalTimeZone);
        return new DiscordEmbed
        {
            Title = DiscordLimits.Fit(Marked(notification, title), DiscordLimits.TitleLength),
            Description = description is null ? null : DiscordLimits.Fit(description, DiscordLimits.DescriptionLength),
            Url = listing.Url,
            Color = notification.Color,
            Footer = new DiscordEmbedFooter(DiscordLimits.Fit(
                $"{notification.SiteName} - Detected: {detected.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}",
                DiscordLimits.FooterTextLength)),
            Image = string.IsNullOrEmpty(listing.Image) ? null : new DiscordEmbedImage(listing.Image),
            Fields = fields,
        };
    }

    /// <summary>"🧪 TEST: …" for the sample of <c>watchmon notify-test</c>, so nobody takes it for a real listing.</summary>
    public static string Marked(NotificationEvent notification, string title)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification.Test ? TestMark + title : title;
    }

    /// <summary>What every channel puts before the title of a test message.</summary>
    public const string TestMark = "🧪 TEST: ";

    private static void AddOptional(List<DiscordEmbedField> fields, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields.Add(Field(name, Bold(value), inline: true));
        }
    }

    private static DiscordEmbedField Field(string name, string value, bool inline) =>
        new(DiscordLimits.Fit(name, DiscordLimits.FieldNameLength), DiscordLimits.Fit(value, DiscordLimits.FieldValueLength), inline);

    private static string Bold(string value) => "**" + value + "**";

    private static string? Check(bool? value) => value switch
    {
        true => "✅",
        false => "❌",
        null => null,
    };

    // One trailing model-line word with the whitespace before it: "Rolex Datejust Automatik" → "Rolex Datejust".
    [GeneratedRegex(@"\s*\b(?:Automatik|Quarz|Chrono|GMT|Date|Certified Pre-Owned|Stahl|Gold|Keramik)$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingSuffix();
}
