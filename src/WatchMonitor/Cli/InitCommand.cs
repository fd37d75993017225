using System.CommandLine;
using System.Text;
using WatchMonitor.State;

namespace WatchMonitor.Cli;

/// <summary><c>watchmon init</c>: writes a commented <c>.env</c> template into the working directory.</summary>
internal static class InitCommand
{
    public const string Template = """
        # Watch Monitor configuration. Every line is optional: remove the leading '#' to change a default.
        # Environment variables override this file; appsettings.json is read before it.

        # Discord webhooks, one per dealer (secrets: keep this file private). Without one, alerts go to the log.
        #WORLDOFTIME_WEBHOOK_URL=https://discord.com/api/webhooks/<id>/<token>
        #GRIMMEISSEN_WEBHOOK_URL=
        #TROPICALWATCH_WEBHOOK_URL=
        #JUWELIER_EXCHANGE_WEBHOOK_URL=
        #WATCH_OUT_WEBHOOK_URL=
        #RUESCHENBECK_WEBHOOK_URL=

        # Scanning
        #CHECK_INTERVAL_SECONDS=300
        #MAX_CONCURRENT_SCRAPERS=2
        #MAX_CONCURRENT_DETAILS=5
        #DETAIL_PAGE_DELAY=1.5
        #ENABLE_DETAIL_SCRAPING=true
        #ENABLE_NOTIFICATIONS=true
        # Comma-separated site keys not to scan: worldoftime, grimmeissen, tropicalwatch, juwelier_exchange, watch_out, rueschenbeck
        #SKIP_SITES=

        # HTTP
        #REQUEST_TIMEOUT=15
        #MAX_RETRIES=3
        #RETRY_BACKOFF_FACTOR=1
        #MAX_RESPONSE_SIZE_MB=10
        #USER_AGENT=

        # Tropical Watch prices in EUR
        #ENABLE_EXCHANGE_RATE_CONVERSION=true
        #EXCHANGE_RATE_API_URL=https://api.exchangerate-api.com/v4/latest/USD
        #EXCHANGE_RATE_CACHE_DURATION=3600
        #EXCHANGE_RATE_MAX_AGE=172800

        # State (paths relative to the working directory). The JSON files are imported once, into a new database.
        #STATE_DATABASE=watchmon.db
        # or a PostgreSQL server (docs/state-files.md#postgresql): postgres://user:password@host:5432/watchmon
        #STATE_DIRECTORY=
        #SEEN_WATCHES_FILE=seen_watches.json
        #SESSION_HISTORY_FILE=session_history.json
        #OUTBOX_FILE=outbox.json
        #MAX_SEEN_ITEMS_PER_SITE=10000
        #MAX_SESSION_HISTORY_ENTRIES=1000
        #SESSION_HISTORY_RETENTION_DAYS=30
        #MAX_OUTBOX_ENTRIES=1000

        # Health endpoint (GET /health, GET /metrics) of 'watchmon run'; bound to loopback by default
        #HEALTH_ENABLED=true
        #Health__Url=http://127.0.0.1:8765

        # Memory management
        #MEMORY_WARNING_THRESHOLD_MB=400
        #MEMORY_CRITICAL_THRESHOLD_MB=500
        #FORCE_GC_EVERY_N_CYCLES=10
        #RELEASE_MEMORY_BETWEEN_CYCLES=true
        #MEMORY_RECOVERY_CYCLES=3
        #MEMORY_PROFILING=false
        #MEMORY_REPORTS_DIR=reports

        # Per-site overrides (.NET form), e.g. to point a site at a mirror:
        #Sites__grimmeissen__ListingUrl=https://www.grimmeissen.de/de/uhren
        #Sites__grimmeissen__Enabled=true

        # More dealers, defined here without code (docs/adding-a-dealer.md): a key of your choice (lowercase letters,
        # digits, underscores), the shop's platform (shopify, woocommerce, shopware or selectors) and its listing URL.
        # Its webhook is WebhookUrl or MY_DEALER_WEBHOOK_URL; 'watchmon try --site my_dealer' shows what is read first.
        #Sites__my_dealer__Platform=shopify
        #Sites__my_dealer__Name=My Dealer
        #Sites__my_dealer__ListingUrl=https://www.my-dealer.example/collections/new-arrivals
        #Sites__my_dealer__WebhookUrl=https://discord.com/api/webhooks/<id>/<token>
        #Sites__my_dealer__Currency=EUR
        #Sites__my_dealer__Color=#1F3A5F
        #Sites__my_dealer__Enabled=true
        # For Platform=selectors, CSS selectors for the cards (see the guide for all of them):
        #Sites__my_dealer__Selectors__Card=article.product
        #Sites__my_dealer__Selectors__Link=a
        #Sites__my_dealer__Selectors__Title=h3
        #Sites__my_dealer__Selectors__Price=.price

        """;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var force = new Option<bool>("--force") { Description = "Overwrite an existing .env" };
        var command = new Command("init", "Write a commented .env template into the working directory.") { force };
        command.SetAction(result =>
        {
            var path = Path.Combine(Directory.GetCurrentDirectory(), ".env");
            if (File.Exists(path) && !result.GetValue(force))
            {
                error.WriteLine($"error: {path} already exists; nothing was changed. Use --force to overwrite it.");
                return 1;
            }

            // The file will hold webhook secrets: created 0600, and an overwritten one made 0600 too.
            try
            {
                using var stream = new FileStream(path, OwnerOnlyFiles.Creating(FileMode.Create, FileShare.None));
                stream.Write(Encoding.UTF8.GetBytes(Template));
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
            {
                var directory = Path.GetDirectoryName(path);
                var cause = exception is UnauthorizedAccessException ? "permission denied" : exception.Message;
                error.WriteLine($"error: cannot write {path} ({cause}). Run 'watchmon init' in a directory the user {Environment.UserName} may write, or give it write access (e.g. chown {Environment.UserName} {directory}; chmod 700 {directory}).");
                return WatchmonCommandLine.UsageError;
            }

            OwnerOnlyFiles.Restrict(path);

            output.WriteLine($"Wrote {path}. Add your Discord webhook URLs, then run 'watchmon validate'.");
            return 0;
        });
        return command;
    }
}
