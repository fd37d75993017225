using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace WatchMonitor.Hosting;

/// <summary>
/// Once <c>Health:AccessToken</c> is set, every endpoint but <c>/health</c> wants it: as <c>Authorization: Bearer</c>,
/// or once as <c>?token=</c>, which is answered with a session cookie and a redirect to the same page without the
/// token, so it stays out of the browser's history. The cookie holds a hash of the token, never the token.
/// </summary>
internal sealed class AccessTokenGate
{
    public const string CookieName = "watchmon_session";
    public const string QueryName = "token";

    private readonly byte[]? _tokenHash;
    private readonly string? _sessionValue;

    public AccessTokenGate(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return;
        }

        _tokenHash = Hash(token);
        _sessionValue = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("watchmon-session\n" + token)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public bool Enabled => _tokenHash is not null;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (_tokenHash is null || context.Request.Path == "/health")
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        if (request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && Matches(authorization["Bearer ".Length..].Trim()))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (request.Cookies[CookieName] is { } session && FixedTimeEquals(session, _sessionValue!))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (request.Query[QueryName].ToString() is { Length: > 0 } offered && Matches(offered))
        {
            context.Response.Cookies.Append(CookieName, _sessionValue!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                Secure = request.IsHttps,
                IsEssential = true,
            });
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = request.PathBase + request.Path + WithoutToken(request.Query);
            context.Response.Headers.CacheControl = "no-store";
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"watchmon\"";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            "This Watch Monitor asks for its access token (Health__AccessToken): open the page once as /?token=<token>, "
            + "or send the header 'Authorization: Bearer <token>'. See docs/dashboard.md.\n",
            context.RequestAborted).ConfigureAwait(false);
    }

    private bool Matches(string offered) => CryptographicOperations.FixedTimeEquals(Hash(offered), _tokenHash);

    // Hashing first gives both sides the same length, so the comparison's time says nothing about the token.
    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static bool FixedTimeEquals(string offered, string expected) =>
        CryptographicOperations.FixedTimeEquals(Hash(offered), Hash(expected));

    private static string WithoutToken(IQueryCollection query)
    {
        var kept = new QueryBuilder();
        foreach (var (key, values) in query)
        {
            if (!string.Equals(key, QueryName, StringComparison.OrdinalIgnoreCase))
            {
                kept.Add(key, [.. values.Select(value => value ?? "")]);
            }
        }

        return kept.ToString();
    }
}
