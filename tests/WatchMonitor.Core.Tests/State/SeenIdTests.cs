using System.Text;
using System.Text.Json;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class SeenIdTests
{
    [Theory]
    [InlineData("215de3dfc0d1f6a1f0004cf826c7e0fd")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("ffffffffffffffffffffffffffffffff")]
    [InlineData("215DE3DFC0D1F6A1F0004CF826C7E0FD")]
    [InlineData("215de3dfc0d1f6a1f0004cf826c7e0f")]
    [InlineData("215de3dfc0d1f6a1f0004cf826c7e0fdd")]
    [InlineData("+15de3dfc0d1f6a1f0004cf826c7e0fd")]
    [InlineData("rolex|submariner|126610ln|1250000|2021|steel")]
    [InlineData("")]
    [InlineData("Grimmeißen ü €")]
    public void FromAndFromUtf8_AnyId_RoundTripsExactlyAndCompareEqual(string id)
    {
        var fromText = SeenId.From(id);
        var fromUtf8 = SeenId.FromUtf8(Encoding.UTF8.GetBytes(id));

        Assert.Equal(id, fromText.ToString());
        Assert.Equal(id, fromUtf8.ToString());
        Assert.Equal(fromText, fromUtf8);
        Assert.Equal(fromText.GetHashCode(), fromUtf8.GetHashCode());
        Assert.Equal(JsonSerializer.Serialize(id), Written(fromText));
    }

    [Fact]
    public void Equals_SameDigitsInOtherCase_AreDifferentIds()
    {
        Assert.NotEqual(SeenId.From("215de3dfc0d1f6a1f0004cf826c7e0fd"), SeenId.From("215DE3DFC0D1F6A1F0004CF826C7E0FD"));
        Assert.NotEqual(SeenId.From("215de3dfc0d1f6a1f0004cf826c7e0fd"), SeenId.From("215de3dfc0d1f6a1f0004cf826c7e0fe"));
    }

    private static string Written(SeenId id)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            id.WriteTo(writer);
        }

        return JsonSerializer.Serialize(JsonSerializer.Deserialize<string>(buffer.ToArray()));
    }
}
