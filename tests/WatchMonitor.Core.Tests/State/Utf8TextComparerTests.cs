using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class Utf8TextComparerTests
{
    [Theory]
    [InlineData("https://www.worldoftime.de/Watches/Details/rolex-1")]
    [InlineData("https://rüschenbeck.de/größe-€")]
    [InlineData("")]
    public void AlternateLookup_TextOfAnyLength_FindsTheUtf8Key(string prefix)
    {
        foreach (var text in new[] { prefix, prefix + new string('x', 600), prefix + new string('ß', 2000) })
        {
            var index = new Dictionary<byte[], int>(Utf8TextComparer.Instance) { [Utf8TextComparer.Encode(text)] = 1 };
            var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();

            Assert.True(lookup.TryGetValue(text, out var value));
            Assert.Equal(1, value);
            Assert.False(lookup.ContainsKey(text + "/"));
            Assert.Equal(Utf8TextComparer.Instance.GetHashCode(Utf8TextComparer.Encode(text)), Utf8TextComparer.Instance.GetHashCode(text.AsSpan()));
        }
    }
}
