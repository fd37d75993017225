using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using WatchMonitor.Configuration;
using WatchMonitor.Hosting;
using WatchMonitor.Monitoring;
using WatchMonitor.Notifications.Channels;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Cli;

/// <summary>
/// <c>watchmon notify-test [--to URL | --route NAME | --site KEY]</c>: posts one sample listing, marked as a test, to
/// each chosen destination (all configured ones by default) and prints each one masked with its answer.
/// </summary>
internal static class NotifyTestCommand
{
    private const string AdHocRoute = "notify-test";

    public static Command Create(TextWriter output, TextWriter error, Action<IServiceCollection>? services = null)
    {
        var to = new Option<string?>("--to") { Description = "A destination URL (Discord, ntfy(s)://, tgram://, Slack, json(s)://); it need not be configured." };
        var route = new Option<string?>("--route") { Description = "The destinations of this route (Notifications__Routes__<name>__To)." };
        var site = new Option<string?>("--site") { Description = "This site's own webhook (<SITE>_WEBHOOK_URL)." };
        var command = new Command("notify-test", "Send one sample listing, clearly marked as a test, and print each destination's answer; exit 0 when every destination took it, 1 when one did not, 2 for invalid arguments or configuration.")
        {
            to, route, site,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (url, routeName, siteKey) = (parse.GetValue(to), parse.GetValue(route), parse.GetValue(site));
            if (new[] { url, routeName, siteKey }.Count(value => value is not null) > 1)
            {
                error.WriteLine("error: give one of --to, --route and --site (or none, for every configured destination).");
                return WatchmonCommandLine.UsageError;
            }

            IServiceProvider provider;
            try
            {
                var overrides = url is null ? [] : new Dictionary<string, string?> { [$"Notifications:Routes:{AdHocRoute}:To"] = url };
                var builder = WatchmonHost.CreateBuilder(new RunSettings(), overrides);
                services?.Invoke(builder.Services);
                provider = builder.Build().Services;
            }
            catch (Exception exception) when (exception is InvalidConfigurationException or FormatException)
            {
                error.WriteLine("error: " + exception.Message);
                return WatchmonCommandLine.UsageError;
            }

            var table = provider.GetRequiredService<RouteTable>();
            var chosen = Choose(table, url is null ? routeName : AdHocRoute, siteKey, url is not null, out var problem);
            if (problem is not null)
            {
                error.WriteLine("error: " + problem);
                return WatchmonCommandLine.UsageError;
            }

            var tester = provider.GetRequiredService<NotificationTester>();
            var failures = 0;
            foreach (var destination in chosen)
            {
                var result = await tester.SendSampleAsync(destination, cancellationToken).ConfigureAwait(false);
                failures += result.Outcome == WebhookPostOutcome.Delivered ? 0 : 1;
                output.WriteLine($"{destination.Key,-22} {destination.Masked,-48} {Describe(result)}");
            }

            return failures == 0 ? 0 : 1;
        });
        return command;
    }

    private static IReadOnlyList<DestinationAddress> Choose(RouteTable table, string? routeName, string? siteKey, bool adHoc, out string? problem)
    {
        problem = null;
        if (routeName is not null)
        {
            var named = table.Routes.FirstOrDefault(candidate => !candidate.IsImplicit && string.Equals(candidate.Name, routeName, StringComparison.OrdinalIgnoreCase));
            if (named is null)
            {
                problem = $"no route '{routeName}'. Configured: {string.Join(", ", table.Routes.Where(candidate => !candidate.IsImplicit).Select(candidate => candidate.Name).DefaultIfEmpty("none"))}.";
                return [];
            }

            return named.To;
        }

        if (siteKey is not null)
        {
            var own = table.Routes.FirstOrDefault(candidate => candidate.IsImplicit && candidate.Name == RouteDefinition.ImplicitPrefix + siteKey);
            if (own is null)
            {
                problem = $"site '{siteKey}' has no webhook of its own: set {siteKey.ToUpperInvariant()}_WEBHOOK_URL, or use --to or --route.";
                return [];
            }

            return own.To;
        }

        if (table.Destinations.Count == 0 && !adHoc)
        {
            problem = "no destination is configured: set a <SITE>_WEBHOOK_URL or a route, or give one with --to.";
        }

        return [.. table.Destinations];
    }

    private static string Describe(WebhookPostResult result) => result.Outcome switch
    {
        WebhookPostOutcome.Delivered => Invariant($"delivered ({result.StatusCode})"),
        WebhookPostOutcome.RateLimited => Invariant($"rate limited ({result.StatusCode}): try again in {result.RetryAfter?.TotalSeconds ?? 0:F0} s"),
        WebhookPostOutcome.Rejected => Invariant($"refused ({result.StatusCode}): {Short(result.Reason)}"),
        WebhookPostOutcome.WebhookGone => Invariant($"gone ({result.StatusCode}): deleted, or its token is wrong; copy the URL again"),
        _ => result.StatusCode is { } status ? Invariant($"failed ({status}): {Short(result.Reason)}") : "not reachable: " + Short(result.Reason),
    };

    private static string Short(string? text) => Monitoring.Health.WebhookRedactor.Redact(text is null ? "" : text.Length <= 200 ? text : text[..200] + "…");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
