using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WatchMonitor.Dashboard;

namespace WatchMonitor.Hosting;

/// <summary><c>GET /</c> (the dashboard page), <c>GET /api/sites</c> and <c>GET /api/listings?site=&amp;q=&amp;limit=</c>: docs/dashboard.md.</summary>
internal sealed class DashboardEndpoints(DashboardQuery query)
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Default };

    public void Map(WebApplication app)
    {
        app.MapGet("/", (RequestDelegate)WritePageAsync);
        app.MapGet("/api/sites", (RequestDelegate)WriteSitesAsync);
        app.MapGet("/api/listings", (RequestDelegate)WriteListingsAsync);
    }

    private async Task WritePageAsync(HttpContext context)
    {
        var view = query.Read(Filter(context.Request));
        // Default capacity: the builder grows in chunks of at most 8000 characters, none on the large object heap.
        var page = new StringBuilder();
        DashboardPage.Write(page, view);
        var response = context.Response;
        response.ContentType = DashboardPage.ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = DashboardPage.ContentSecurityPolicy;
        response.Headers.XFrameOptions = "DENY";
        await WriteAsync(response, page, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteSitesAsync(HttpContext context)
    {
        var view = query.Read(Filter(context.Request), withListings: false);
        await WriteJsonAsync(context, json => DashboardJson.WriteSites(json, view)).ConfigureAwait(false);
    }

    private async Task WriteListingsAsync(HttpContext context)
    {
        var view = query.Read(Filter(context.Request), withMemory: false);
        if (view.StateProblem is not null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }

        await WriteJsonAsync(context, json => DashboardJson.WriteListings(json, view)).ConfigureAwait(false);
    }

    private static ListingFilter Filter(HttpRequest request) =>
        ListingFilter.Parse(request.Query["site"].ToString(), request.Query["q"].ToString(), request.Query["limit"].ToString());

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        var response = context.Response;
        response.ContentType = DashboardJson.ContentType;
        response.Headers.CacheControl = "no-store";
        using (var json = new Utf8JsonWriter(response.BodyWriter, JsonOptions))
        {
            write(json);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    // Chunk by chunk, so a long page never becomes one large string or array.
    private static async Task WriteAsync(HttpResponse response, StringBuilder text, CancellationToken cancellationToken)
    {
        var encoder = Encoding.UTF8.GetEncoder();
        foreach (var chunk in text.GetChunks())
        {
            encoder.Convert(chunk.Span, response.BodyWriter, flush: false, out _, out _);
            await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        encoder.Convert([], response.BodyWriter, flush: true, out _, out _);
        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
