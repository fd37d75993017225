namespace WatchMonitor.FakeSites;

/// <summary>A response before fault injection has had its say: status, body, media type, extra headers.</summary>
internal sealed record FakeResponse(int StatusCode, string Body, string ContentType)
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public static FakeResponse Json(int statusCode, string body) => new(statusCode, body, "application/json");

    public static FakeResponse Empty(int statusCode) => new(statusCode, "", "");
}
