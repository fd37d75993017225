using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WatchMonitor.FakeSites.Faults;

/// <summary>Writes a response, bent by the fault that applies to the request (if any).</summary>
/// <param name="faults">The active rules.</param>
/// <param name="timeProvider">Clock for delays and drips.</param>
/// <param name="foreignListingPage">Renders a site's normal listing page, for <see cref="FaultKind.ForeignPage"/>.</param>
/// <param name="expiredExchangeRate">The exchange-rate answer as of that long ago, for <see cref="FaultKind.ExpiredExchangeRate"/>.</param>
/// <param name="logger">Where injected faults are logged (Debug).</param>
internal sealed partial class FaultResponder(
    FaultInjector faults,
    TimeProvider timeProvider,
    Func<string, FakeResponse> foreignListingPage,
    Func<TimeSpan, FakeResponse> expiredExchangeRate,
    ILogger logger)
{
    /// <summary>Query key that marks a request as one hop of a redirect loop.</summary>
    public const string HopQueryKey = "_hop";

    // Filler for oversized bodies: one shared chunk written again and again, so N MB cost no N MB of memory.
    private static readonly byte[] Filler = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<div class=\"filler\">xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</div>\n", 1024)));

    // The same for JSON routes: products without end, after an opening that makes it look like products.json.
    private static readonly byte[] JsonOpening = Encoding.ASCII.GetBytes("{\"products\":[");
    private static readonly byte[] JsonFiller = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"id\":1,\"title\":\"Filler Watch\",\"handle\":\"filler\",\"vendor\":\"xxxxxxxxxxxxxxxx\"},\n", 1024)));

    // Compressed bombs by inflated size: built once (50 MB of filler deflates to about 150 KB), served many times.
    private static readonly ConcurrentDictionary<long, byte[]> GzipBombs = new();

    // A bot check as CDNs serve it: 403, a challenge page, nothing of the shop.
    private const string BotCheckPage = """
        <!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
        <meta http-equiv="refresh" content="390"><meta name="robots" content="noindex,nofollow"></head>
        <body><div class="main-wrapper" role="main"><div class="main-content">
        <h1 class="zone-name-title h1">Checking if the site connection is secure</h1>
        <div id="challenge-stage"><noscript>Enable JavaScript and cookies to continue</noscript></div>
        <div id="challenge-body-text">The site needs to review the security of your connection before proceeding.</div>
        </div></div><div class="footer">Ray ID: <code>8a1b2c3d4e5f6a7b</code> • Performance &amp; security by a CDN</div></body></html>
        """;

    // Valid up to the middle of the first product: what a proxy's cut-off or a half-deployed API gives.
    private const string InvalidJsonBody = """{"products":[{"id":7001,"title":"Rolex Submariner Date","handle":"rolex-submariner-date","vendor":"Rol""";

    /// <summary>
    /// Serves one request on <paramref name="route"/>. <paramref name="produce"/> runs only when the fault (if any)
    /// lets the request through to the normal handler, so a 503 never records a Discord message.
    /// </summary>
    public async Task RespondAsync(HttpContext context, FaultRoute route, string? siteKey, bool jsonRoute, Func<FakeResponse> produce)
    {
        var cancellationToken = context.RequestAborted;
        if (context.Request.Query.TryGetValue(HopQueryKey, out var hopValue))
        {
            // A request already inside a loop keeps looping, whatever the rule's remaining count.
            Redirect(context, int.TryParse(hopValue, NumberStyles.None, CultureInfo.InvariantCulture, out var hop) ? hop + 1 : 1);
            return;
        }

        var fault = faults.Take(route, siteKey);
        if (fault is not null)
        {
            Log.Injecting(logger, fault.Kind, route, siteKey ?? "-", context.Request.Path);
        }

        switch (fault?.Kind)
        {
            case FaultKind.Status:
                await WriteAsync(context, StatusResponse(fault, jsonRoute), cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.RedirectLoop:
                Redirect(context, 1);
                return;
            case FaultKind.OversizedBody:
                await WriteOversizedAsync(context, fault, jsonRoute, cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.BotCheck:
                await WriteAsync(context, new FakeResponse(fault.StatusCode, BotCheckPage, "text/html; charset=UTF-8")
                {
                    Headers = [new("cf-mitigated", "challenge"), new("Cache-Control", "private, max-age=0, no-store")],
                }, cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.GzipBomb:
                await WriteGzipBombAsync(context, fault, jsonRoute, cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.ForeignPage:
                await WriteAsync(context, foreignListingPage(fault.OtherSite ?? throw new InvalidOperationException("ForeignPage needs OtherSite.")), cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.InvalidJson:
                await WriteAsync(context, FakeResponse.Json(200, InvalidJsonBody), cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.ExpiredExchangeRate when route == FaultRoute.ExchangeRate:
                await WriteAsync(context, expiredExchangeRate(fault.Age), cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.Delay:
                await HoldAsync(fault.Delay, cancellationToken).ConfigureAwait(false);
                break;
        }

        var response = produce();
        switch (fault?.Kind)
        {
            case FaultKind.TruncatedBody:
                var bytes = Encoding.UTF8.GetBytes(response.Body);
                await WriteAsync(context, response, bytes.AsMemory(0, (int)(bytes.Length * Math.Clamp(fault.Fraction, 0, 1))), declareLength: false, cancellationToken).ConfigureAwait(false);
                break;
            case FaultKind.WrongContentType:
                await WriteAsync(context, response with { ContentType = fault.ContentType }, cancellationToken).ConfigureAwait(false);
                break;
            case FaultKind.ConnectionReset:
                await WriteAndAbortAsync(context, response, cancellationToken).ConfigureAwait(false);
                break;
            case FaultKind.SlowDrip:
                await WriteDripAsync(context, response, fault, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await WriteAsync(context, response, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    public static Task WriteAsync(HttpContext context, FakeResponse response, CancellationToken cancellationToken) =>
        WriteAsync(context, response, Encoding.UTF8.GetBytes(response.Body), declareLength: true, cancellationToken);

    private static async Task WriteAsync(HttpContext context, FakeResponse response, ReadOnlyMemory<byte> body, bool declareLength, CancellationToken cancellationToken)
    {
        Start(context, response);
        if (declareLength)
        {
            context.Response.ContentLength = body.Length;
        }

        if (body.Length > 0 && !HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Start(HttpContext context, FakeResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        if (response.ContentType.Length > 0)
        {
            context.Response.ContentType = response.ContentType;
        }

        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }
    }

    private static FakeResponse StatusResponse(Fault fault, bool jsonRoute)
    {
        var response = fault.Body is { } body
            ? new FakeResponse(fault.StatusCode, body, jsonRoute ? "application/json" : "text/html; charset=utf-8")
            : jsonRoute
                ? FakeResponse.Json(fault.StatusCode, $$"""{"message": "Injected status {{fault.StatusCode}}", "code": 0}""")
                : new FakeResponse(fault.StatusCode, $"<!DOCTYPE html><html><head><title>{fault.StatusCode}</title></head><body><h1>Error {fault.StatusCode}</h1></body></html>", "text/html; charset=utf-8");
        return fault.StatusCode is 429 or 503 ? response with { Headers = [new("Retry-After", "1")] } : response;
    }

    private static void Redirect(HttpContext context, int hop)
    {
        var query = QueryString.Create(context.Request.Query
            .Where(pair => pair.Key != HopQueryKey)
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)))
            .Append(new(HopQueryKey, hop.ToString(CultureInfo.InvariantCulture))));
        // 307 keeps a POST a POST, so a webhook client loops too instead of turning into a GET.
        context.Response.StatusCode = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? StatusCodes.Status302Found
            : StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = context.Request.PathBase + context.Request.Path + query;
        context.Response.ContentLength = 0;
    }

    private static async Task WriteOversizedAsync(HttpContext context, Fault fault, bool jsonRoute, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = jsonRoute ? "application/json" : "text/html; charset=utf-8";
        if (fault.DeclareLength)
        {
            context.Response.ContentLength = fault.Bytes;
        }

        var remaining = fault.Bytes;
        if (jsonRoute)
        {
            var opening = (int)Math.Min(remaining, JsonOpening.Length);
            await context.Response.Body.WriteAsync(JsonOpening.AsMemory(0, opening), cancellationToken).ConfigureAwait(false);
            remaining -= opening;
        }

        var filler = jsonRoute ? JsonFiller : Filler;
        while (remaining > 0)
        {
            var size = (int)Math.Min(remaining, filler.Length);
            await context.Response.Body.WriteAsync(filler.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            remaining -= size;
        }
    }

    private static async Task WriteGzipBombAsync(HttpContext context, Fault fault, bool jsonRoute, CancellationToken cancellationToken)
    {
        var compressed = GzipBombs.GetOrAdd(fault.Bytes, Deflate);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = jsonRoute ? "application/json" : "text/html; charset=utf-8";
        context.Response.Headers.ContentEncoding = "gzip";
        context.Response.ContentLength = compressed.Length;
        await context.Response.Body.WriteAsync(compressed, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] Deflate(long inflatedBytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var remaining = inflatedBytes; remaining > 0; remaining -= Filler.Length)
            {
                gzip.Write(Filler, 0, (int)Math.Min(remaining, Filler.Length));
            }
        }

        return output.ToArray();
    }

    private static async Task WriteAndAbortAsync(HttpContext context, FakeResponse response, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(response.Body);
        Start(context, response);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        context.Abort();
    }

    private async Task WriteDripAsync(HttpContext context, FakeResponse response, Fault fault, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(response.Body);
        Start(context, response);
        context.Response.ContentLength = bytes.Length;
        var chunk = Math.Max(1, fault.ChunkBytes);
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            if (offset > 0)
            {
                await HoldAsync(fault.Delay, cancellationToken).ConfigureAwait(false);
            }

            await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)), cancellationToken).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits <paramref name="delay"/> on the server's clock, counted as a hold once the timer is set.</summary>
    private async Task HoldAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var wait = Task.Delay(delay, timeProvider, cancellationToken);
        faults.RecordHold();
        await wait.ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Injecting {Kind} on the {Route} route of {Site}: {Path}")]
        public static partial void Injecting(ILogger logger, FaultKind kind, FaultRoute route, string site, PathString path);
    }
}
