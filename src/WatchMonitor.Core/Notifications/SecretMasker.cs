namespace WatchMonitor.Notifications;

/// <summary>Webhook URLs carry their token: whoever sees one can post to the channel. Never print one unmasked.</summary>
public static class SecretMasker
{
    /// <summary>"https://discord.com/api/webhooks/123456789/abcDEF" → "https://discord.com/api/webhooks/1234…/***".</summary>
    public static string MaskWebhook(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "(none)";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "***";
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var webhooks = Array.IndexOf(segments, "webhooks");
        if (webhooks >= 0 && webhooks + 1 < segments.Length)
        {
            var id = segments[webhooks + 1];
            var shownId = id.Length > 4 ? id[..4] + "…" : id;
            var prefix = string.Join('/', segments.Take(webhooks + 1));
            return $"{uri.Scheme}://{uri.Authority}/{prefix}/{shownId}/***";
        }

        return $"{uri.Scheme}://{uri.Authority}/***";
    }
}
