using WatchMonitor.Sites;
using WatchMonitor.Sites.JuwelierExchange;
using WatchMonitor.Sites.Platforms.Shopify;
using WatchMonitor.Sites.Platforms.Shopware;
using WatchMonitor.Sites.Rueschenbeck;
using WatchMonitor.Sites.WatchOut;

namespace WatchMonitor.Core.Tests.Sites.Platforms;

/// <summary>The built-in dealers on the platform adapters, and what the shared code does for every shop on them.</summary>
public sealed class BuiltInPlatformTests
{
    private const string BaseUrl = "https://www.chrono-shop.example";

    [Theory]
    [InlineData("watch_out", typeof(WatchOutAdapter), typeof(ShopifyAdapter))]
    [InlineData("juwelier_exchange", typeof(JuwelierExchangeAdapter), typeof(ShopwareAdapter))]
    [InlineData("rueschenbeck", typeof(RueschenbeckAdapter), typeof(ShopwareAdapter))]
    public void Create_BuiltInShopOnAPlatform_IsThatPlatformsAdapterWithItsRules(string key, Type adapter, Type platform)
    {
        var created = SiteAdapters.Create(key);

        Assert.IsType(adapter, created);
        Assert.IsAssignableFrom(platform, created);
        Assert.Same(SiteCatalog.Find(key), created!.Site);
    }

    [Fact]
    public void Create_EachKey_BuildsAFreshAdapterOfThatSiteOnly()
    {
        foreach (var site in SiteCatalog.All)
        {
            var first = SiteAdapters.Create(site.Key);
            var second = SiteAdapters.Create(site.Key);

            Assert.NotNull(first);
            Assert.NotSame(first, second);
            Assert.Equal(site.Key, first.Site.Key);
        }

        Assert.Null(SiteAdapters.Create("chrono_shop"));
        Assert.Equal(SiteCatalog.All.Select(site => site.Key), SiteAdapters.CreateAll().Select(adapter => adapter.Site.Key));
    }

    [Fact]
    public void ShopifyParseListings_ProductPricedBeyondTheIdRange_SkipsThatProductOnlyWithTheReason()
    {
        var adapter = new ShopifyAdapter(PlatformSites.Define("chrono_shop", "Chrono Shop", "shopify", BaseUrl, "/collections/neu"));
        const string json = """
            {"products":[
              {"handle":"rolex-explorer-124270","title":"Rolex Explorer","vendor":"Rolex","variants":[{"price":"6500.00"}]},
              {"handle":"misread","title":"Omega Seamaster","vendor":"Omega","variants":[{"price":"1000000000000000000000000000.00"}]}
            ]}
            """;

        var page = adapter.ParseListings(json, BaseUrl);

        Assert.Equal(BaseUrl + "/products/rolex-explorer-124270", Assert.Single(page).Url);
        Assert.Equal(1, page.SkippedCount);
        Assert.Equal("misread", page.FirstSkipped!.Url);
        Assert.IsType<OverflowException>(page.FirstSkipped.Exception);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"handle":"x"}]""")]
    public void ShopifyParseListings_TopLevelArray_IsAPageFormatErrorNotACrash(string json)
    {
        var adapter = new ShopifyAdapter(PlatformSites.Define("chrono_shop", "Chrono Shop", "shopify", BaseUrl, "/collections/neu"));

        var exception = Assert.Throws<PageFormatException>(() => adapter.ParseListings(json, BaseUrl));

        Assert.Contains("\"products\"", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShopwareParseListings_JuwelierExchangeKeepsSoldCardsWhileThePlatformDropsThem()
    {
        const string page = """
            <div class="card product-box box-standard" data-product-information='{"name":"Rolex Datejust"}'>
              <a class="card-body-link" href="/rolex-datejust/JE-1">Rolex Datejust</a>
              <div class="product-badges"><div class="badge badge-sold">Verkauft</div></div>
              <span class="product-price">Verkauft</span>
            </div>
            """;
        var platform = new ShopwareAdapter(PlatformSites.Define("uhrenkontor", "Uhrenkontor", "shopware", BaseUrl, "/neuheiten"));

        Assert.Empty(platform.ParseListings(page, BaseUrl));
        var kept = Assert.Single(new JuwelierExchangeAdapter().ParseListings(page, "https://www.juwelier-exchange.de"));
        Assert.Equal("https://www.juwelier-exchange.de/rolex-datejust/JE-1", kept.Url);
        Assert.Null(kept.Price);
    }
}
