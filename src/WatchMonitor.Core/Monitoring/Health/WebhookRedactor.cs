using System.Text.RegularExpressions;
using WatchMonitor.Notifications;

namespace WatchMonitor.Monitoring.Health;

/// <summary>Masks webhook URLs inside free text (exception messages, reasons) before it leaves the process.</summary>
public static partial class WebhookRedactor
{
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WebhookUrl().Replace(text, match => SecretMasker.MaskWebhook(match.Value));
    }

    // "https://discord.com/api/webhooks/123/abc" or "http://127.0.0.1:5000/api/webhooks/1/t?wait=true"
    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]*://[^\s""'<>]*/webhooks/[^\s""'<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebhookUrl();
}
