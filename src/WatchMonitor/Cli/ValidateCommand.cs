using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;
using WatchMonitor.Hosting;
using WatchMonitor.Notifications;

namespace WatchMonitor.Cli;

/// <summary>
/// <c>watchmon validate</c>: checks the configuration and asks Discord about each webhook with a GET, which
/// answers with the webhook's details without posting anything to the channel.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<HttpMessageHandler>? handlerFactory = null)
    {
        var command = new Command("validate", "Check the configuration and each webhook without posting a message; exit 0 when all is well, 1 when a webhook check fails, 2 for invalid configuration.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var configuration = new ConfigurationManager();
            MonitorSettings settings;
            try
            {
                WatchmonHost.AddConfigurationSources(configuration, Directory.GetCurrentDirectory());
                settings = MonitorSettings.Load(configuration);
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
                    : await CheckWebhookAsync(client, site.WebhookUrl, cancellationToken).ConfigureAwait(false);
                var ok = status is "disabled" or "ok" || site.WebhookUrl is null;
                failures += ok ? 0 : 1;
                output.WriteLine($"{site.Key,-18} {SecretMasker.MaskWebhook(site.WebhookUrl),-48} {status}");
            }

            return failures == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<string> CheckWebhookAsync(HttpClient client, string webhookUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(webhookUrl, cancellationToken).ConfigureAwait(false);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => "ok",
                HttpStatusCode.NotFound => "webhook not found (deleted?): create a new one in Discord and update the URL",
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "webhook token rejected: copy the full URL from Discord again",
                _ => $"unexpected answer {(int)response.StatusCode}",
            };
        }
        catch (HttpRequestException exception)
        {
            return "not reachable: " + exception.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out";
        }
    }
}
