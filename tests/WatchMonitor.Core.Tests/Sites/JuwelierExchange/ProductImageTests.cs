using WatchMonitor.Sites.JuwelierExchange;

namespace WatchMonitor.Core.Tests.Sites.JuwelierExchange;

public sealed class ProductImageTests
{
    [Theory]
    [InlineData("a_400x400.webp 400w, a_800x800.webp 800w, a_1920x1920.webp 1920w", "a_1920x1920.webp")]
    [InlineData("a_1920x1920.jpg 1920w, a_800x800.webp 800w, a_400x400.webp 400w", "a_800x800.webp")]
    [InlineData("a_400x400.webp 400w,a_800x800.jpg 800w", "a_400x400.webp")]
    [InlineData("a.jpg 1x, a.webp 2x", "a.webp")]
    [InlineData("a_400x400.jpg 400w, a_800x800.jpg 800w", null)]
    [InlineData(" , ", null)]
    public void FromSrcset_Candidates_FirstPreferenceWins(string srcset, string? expected)
    {
        Assert.Equal(expected, ProductImage.FromSrcset(srcset));
    }
}
