using System.Net;
using System.Text;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Cli;

/// <summary>
/// Asks a destination whether it would accept messages without posting one: Discord answers a GET on the webhook with
/// its details, Telegram's getMe checks the bot token. ntfy, Slack and JSON endpoints have no such question.
/// </summary>
internal static class DestinationProbe
{
    public const string Ok = "ok";
    public const string NotProbed = "not probed (would post)";

    public static Task<string> ProbeAsync(HttpClient client, DestinationAddress destination, Uri telegramApiUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return destination.Kind switch
        {
            DestinationKind.Discord => DiscordAsync(client, destination.Url, cancellationToken),
            DestinationKind.Telegram => TelegramAsync(client, telegramApiUrl, destination.BotToken!, cancellationToken),
            _ => Task.FromResult(NotProbed),
        };
    }

    public static bool Passed(string status) => status is Ok or NotProbed;

    public static Task<string> DiscordAsync(HttpClient client, string webhookUrl, CancellationToken cancellationToken) =>
        AskAsync(() => client.GetAsync(webhookUrl, cancellationToken), status => status switch
        {
            HttpStatusCode.OK => Ok,
            HttpStatusCode.NotFound => "webhook not found (deleted?): create a new one in Discord and update the URL",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "webhook token rejected: copy the full URL from Discord again",
            _ => $"unexpected answer {(int)status}",
        }, cancellationToken);

    private static Task<string> TelegramAsync(HttpClient client, Uri apiUrl, string botToken, CancellationToken cancellationToken)
    {
        var url = apiUrl.AbsoluteUri.TrimEnd('/') + "/bot" + botToken + "/getMe";
        return AskAsync(() => client.PostAsync(url, new StringContent("{}", Encoding.UTF8, "application/json"), cancellationToken), status => status switch
        {
            HttpStatusCode.OK => Ok,
            HttpStatusCode.Unauthorized or HttpStatusCode.NotFound => "bot token rejected: copy the token from @BotFather again",
            _ => $"unexpected answer {(int)status}",
        }, cancellationToken);
    }

    private static async Task<string> AskAsync(Func<Task<HttpResponseMessage>> ask, Func<HttpStatusCode, string> describe, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await ask().ConfigureAwait(false);
            return describe(response.StatusCode);
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
