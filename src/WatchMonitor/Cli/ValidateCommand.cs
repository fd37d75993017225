using System.CommandLine;
using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;
using WatchMonitor.Hosting;
using WatchMonitor.Notifications;
using WatchMonitor.Notifications.Channels;

namespace WatchMonitor.Cli;

/// <summary>
/// <c>watchmon validate</c>: checks the configuration, then asks each site webhook and route destination whether it
/// would accept messages, without posting one (<see cref="DestinationProbe"/>).
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<HttpMessageHandler>? handlerFactory = null)
    {
        var command = new Command("validate", "Check the configuration, each webhook and each route destination without posting a message (Discord webhooks and Telegram bots are asked; ntfy, Slack and JSON are not probed); exit 0 when all is well, 1 when a check fails, 2 for invalid configuration.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var configuration = new ConfigurationManager();
            MonitorSettings settings;
            NotificationOptions notifications;
            try
            {
                WatchmonHost.AddConfigurationSources(configuration, Directory.GetCurrentDirectory());
                settings = MonitorSettings.Load(configuration);
                notifications = NotificationOptions.Read(configuration);
            }
            catch (Exception exception) when (exception is InvalidConfigurationException or FormatException)
            {
                error.WriteLine("error: " + exception.Message);
                return WatchmonCommandLine.UsageError;
            }

            output.WriteLine("Configuration: ok");
            // A redirect is reported, not followed: the check talks to the configured webhook host only.
            using var client = new HttpClient(handlerFactory?.Invoke() ?? new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true)
            {
                Timeout = settings.Options.RequestTimeout,
            };
            var failures = 0;
            foreach (var site in settings.Sites)
            {
                var status = !site.Enabled ? "disabled"
                    : site.WebhookUrl is null ? "no webhook: alerts are written to the log"
                    : await DestinationProbe.DiscordAsync(client, site.WebhookUrl, cancellationToken).ConfigureAwait(false);
                var ok = status is "disabled" || DestinationProbe.Passed(status) || site.WebhookUrl is null;
                failures += ok ? 0 : 1;
                output.WriteLine($"{site.Key,-18} {SecretMasker.MaskWebhook(site.WebhookUrl),-48} {status}");
            }

            failures += await ProbeRoutesAsync(output, client, settings, notifications.TelegramApiUrl, cancellationToken).ConfigureAwait(false);

            return failures == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Each destination of the configured routes once; a site's own webhook was checked with its site.</summary>
    /// <returns>How many failed.</returns>
    private static async Task<int> ProbeRoutesAsync(TextWriter output, HttpClient client, MonitorSettings settings, Uri telegramApiUrl, CancellationToken cancellationToken)
    {
        var probed = new HashSet<string>(settings.Routes.Routes.Where(route => route.IsImplicit).SelectMany(route => route.To).Select(destination => destination.Key), StringComparer.Ordinal);
        var failures = 0;
        foreach (var route in settings.Routes.Routes.Where(route => !route.IsImplicit))
        {
            foreach (var destination in route.To)
            {
                var status = probed.Add(destination.Key)
                    ? await DestinationProbe.ProbeAsync(client, destination, telegramApiUrl, cancellationToken).ConfigureAwait(false)
                    : "checked above";
                failures += DestinationProbe.Passed(status) || status == "checked above" ? 0 : 1;
                output.WriteLine($"{"route " + route.Name,-18} {destination.Masked,-48} {status}");
            }
        }

        return failures;
    }
}
