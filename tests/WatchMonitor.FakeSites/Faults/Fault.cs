namespace WatchMonitor.FakeSites.Faults;

/// <summary>The routes a fault can be attached to.</summary>
public enum FaultRoute
{
    Listing,
    Detail,
    ProductsJson,
    ExchangeRate,
    Webhook,
}

public enum FaultKind
{
    /// <summary>Answer <see cref="Fault.StatusCode"/> with a short error page.</summary>
    Status,

    /// <summary>Wait <see cref="Fault.Delay"/> (on the server's TimeProvider), then answer normally.</summary>
    Delay,

    /// <summary>Send only the first <see cref="Fault.Fraction"/> of the body and end the response cleanly.</summary>
    TruncatedBody,

    /// <summary>Stream <see cref="Fault.Bytes"/> bytes of filler, chunk by chunk, never buffered.</summary>
    OversizedBody,

    /// <summary>The normal body under <see cref="Fault.ContentType"/>.</summary>
    WrongContentType,

    /// <summary>302 (307 for a POST) to the same URL with a growing <c>_hop</c> query, forever.</summary>
    RedirectLoop,

    /// <summary>Declare the full Content-Length, send half the body, then abort the connection.</summary>
    ConnectionReset,

    /// <summary>The normal body in <see cref="Fault.ChunkBytes"/>-byte pieces, <see cref="Fault.Delay"/> apart.</summary>
    SlowDrip,

    /// <summary>403 with a bot-check ("Just a moment…") challenge page, as a CDN's bot protection answers.</summary>
    BotCheck,

    /// <summary>
    /// 200 with <c>Content-Encoding: gzip</c>: a small compressed body that inflates to <see cref="Fault.Bytes"/>
    /// bytes of filler.
    /// </summary>
    GzipBomb,

    /// <summary>200 with the listing page of <see cref="Fault.OtherSite"/> (a misconfigured proxy or a moved shop).</summary>
    ForeignPage,

    /// <summary>200 <c>application/json</c> whose body stops in the middle of an object: not parseable JSON.</summary>
    InvalidJson,

    /// <summary>The normal exchange-rate answer with its <c>date</c> and <c>time_last_updated</c> <see cref="Fault.Age"/> old.</summary>
    ExpiredExchangeRate,
}

/// <summary>
/// One injected failure. <see cref="Times"/> limits it to the next N matching requests; null keeps it until cleared.
/// Use the factory methods; the properties are the knobs for the less common variations.
/// </summary>
public sealed record Fault
{
    public required FaultKind Kind { get; init; }

    /// <summary>Requests it applies to; null = every request until cleared.</summary>
    public int? Times { get; init; }

    public int StatusCode { get; init; } = 503;

    /// <summary>Optional body for <see cref="FaultKind.Status"/>; a short default page otherwise.</summary>
    public string? Body { get; init; }

    /// <summary>The wait for <see cref="FaultKind.Delay"/>, or between pieces for <see cref="FaultKind.SlowDrip"/>.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    public long Bytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Oversized only: send a Content-Length header up front (a client can refuse before reading).</summary>
    public bool DeclareLength { get; init; }

    public int ChunkBytes { get; init; } = 64;

    public double Fraction { get; init; } = 0.5;

    public string ContentType { get; init; } = "application/octet-stream";

    /// <summary>The site whose listing page <see cref="FaultKind.ForeignPage"/> serves.</summary>
    public string? OtherSite { get; init; }

    /// <summary>How old <see cref="FaultKind.ExpiredExchangeRate"/> makes the answer.</summary>
    public TimeSpan Age { get; init; } = TimeSpan.FromDays(30);

    public static Fault Status(int statusCode, int? times = null, string? body = null) =>
        new() { Kind = FaultKind.Status, StatusCode = statusCode, Times = times, Body = body };

    public static Fault Delayed(TimeSpan delay, int? times = null) => new() { Kind = FaultKind.Delay, Delay = delay, Times = times };

    public static Fault Truncated(double fraction = 0.5, int? times = null) =>
        new() { Kind = FaultKind.TruncatedBody, Fraction = fraction, Times = times };

    public static Fault Oversized(long bytes, int? times = null, bool declareLength = false) =>
        new() { Kind = FaultKind.OversizedBody, Bytes = bytes, Times = times, DeclareLength = declareLength };

    public static Fault WrongContentType(string contentType = "application/octet-stream", int? times = null) =>
        new() { Kind = FaultKind.WrongContentType, ContentType = contentType, Times = times };

    public static Fault RedirectLoop(int? times = null) => new() { Kind = FaultKind.RedirectLoop, Times = times };

    public static Fault ConnectionReset(int? times = null) => new() { Kind = FaultKind.ConnectionReset, Times = times };

    public static Fault BotCheck(int? times = null) => new() { Kind = FaultKind.BotCheck, StatusCode = 403, Times = times };

    public static Fault GzipBomb(long inflatedBytes, int? times = null) => new() { Kind = FaultKind.GzipBomb, Bytes = inflatedBytes, Times = times };

    public static Fault ForeignPage(string otherSite, int? times = null) => new() { Kind = FaultKind.ForeignPage, OtherSite = otherSite, Times = times };

    public static Fault InvalidJson(int? times = null) => new() { Kind = FaultKind.InvalidJson, Times = times };

    public static Fault ExpiredExchangeRate(TimeSpan age, int? times = null) => new() { Kind = FaultKind.ExpiredExchangeRate, Age = age, Times = times };

    public static Fault SlowDrip(TimeSpan interval, int chunkBytes = 64, int? times = null) =>
        new() { Kind = FaultKind.SlowDrip, Delay = interval, ChunkBytes = chunkBytes, Times = times };
}
