using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WatchMonitor.Http;
using WatchMonitor.Notifications.Channels.Discord;
using WatchMonitor.Notifications.Channels.Json;
using WatchMonitor.Notifications.Channels.Ntfy;
using WatchMonitor.Notifications.Channels.Slack;
using WatchMonitor.Notifications.Channels.Telegram;

namespace WatchMonitor.Notifications.Channels;

public static class ChannelServiceCollectionExtensions
{
    /// <summary>One sender per destination kind, on the notification HTTP client, and the settings they read.</summary>
    public static IServiceCollection AddWatchMonitorChannels(this IServiceCollection services, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(provider => new ChannelHttp(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpServiceCollectionExtensions.DiscordClient),
            provider.GetRequiredService<ILogger<ChannelHttp>>()));
        services.AddSingleton<IChannelSender, DiscordSender>();
        services.AddSingleton<IChannelSender, NtfySender>();
        services.AddSingleton<IChannelSender, TelegramSender>();
        services.AddSingleton<IChannelSender, SlackSender>();
        services.AddSingleton<IChannelSender, JsonSender>();
        services.AddSingleton<ChannelSenders>();
        services.AddSingleton<NotificationTester>();
        return services;
    }
}
