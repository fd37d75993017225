using System.Globalization;
using System.Text.RegularExpressions;
using WatchMonitor.Listings;
using WatchMonitor.Sites;

namespace WatchMonitor.Notifications.Discord;

/// <summary>Builds a listing's embed within Discord's limits (docs/parsing-rules.md#discord-embed).</summary>
public sealed partial class ListingEmbedBuilder(TimeProvider timeProvider)
{
    private const string ZeroWidthSpace = "\u200B";
    private const int TitleCutLength = 250;

    public DiscordEmbed BuildNewListing(Listing listing, SiteDefinition site) => Build(listing, site, description: null);

    /// <summary>A price-change embed: the same layout with "old → new" (or sold / on request) as description.</summary>
    public DiscordEmbed BuildPriceChange(Listing listing, SiteDefinition site, string? previousPriceDisplay)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var before = previousPriceDisplay ?? "❓";
        var description = listing.PriceDisplay is null
            ? $"Sold / price on request (was {before})"
            : $"Price changed: {before} → {listing.PriceDisplay}";
        return Build(listing, site, description);
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

    private DiscordEmbed Build(Listing listing, SiteDefinition site, string? description)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(site);
        var title = Title(listing);
        var fields = new List<DiscordEmbedField>(10)
        {
            Field("💰 Price:", Bold(listing.PriceDisplay ?? "❓"), inline: false),
        };

        if (!string.IsNullOrEmpty(listing.Reference) && !title.Contains(listing.Reference, StringComparison.Ordinal))
        {
            fields.Add(Field("#️⃣ Reference:", Bold(listing.Reference), inline: false));
        }

        fields.Add(Field("🔍 Chrono24 Search:", $"[**Search similar**]({Chrono24Link.For(listing.Brand, listing.Model, listing.Reference)})", inline: false));
        fields.Add(Field(ZeroWidthSpace, ZeroWidthSpace, inline: false));
        AddOptional(fields, "🗓️ Year:", listing.Year);
        AddOptional(fields, "⭐ Condition:", listing.Condition);
        AddOptional(fields, "📦 Box:", Check(listing.HasBox));
        AddOptional(fields, "📄 Papers:", Check(listing.HasPapers));
        AddOptional(fields, "🔩 Case Material:", listing.CaseMaterial);
        AddOptional(fields, "📏 Diameter:", listing.Diameter);

        var detected = TimeZoneInfo.ConvertTime(listing.DetectedAt, timeProvider.LocalTimeZone);
        return new DiscordEmbed
        {
            Title = DiscordLimits.Fit(title, DiscordLimits.TitleLength),
            Description = description is null ? null : DiscordLimits.Fit(description, DiscordLimits.DescriptionLength),
            Url = listing.Url,
            Color = site.Color,
            Footer = new DiscordEmbedFooter(DiscordLimits.Fit(
                $"{site.DisplayName} - Detected: {detected.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}",
                DiscordLimits.FooterTextLength)),
            Image = string.IsNullOrEmpty(listing.ImageUrl) ? null : new DiscordEmbedImage(listing.ImageUrl),
            Fields = fields,
        };
    }

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
