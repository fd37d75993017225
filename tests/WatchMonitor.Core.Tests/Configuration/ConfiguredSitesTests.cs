using Microsoft.Extensions.Configuration;
using WatchMonitor.Configuration;
using WatchMonitor.Http;
using WatchMonitor.Sites;
using WatchMonitor.Sites.Platforms.Selectors;

namespace WatchMonitor.Core.Tests.Configuration;

/// <summary>Sites defined only by configuration keys (<c>Sites__&lt;key&gt;__Platform</c> and friends).</summary>
public sealed class ConfiguredSitesTests
{
    [Fact]
    public void Load_ShopifySiteWithDefaults_IsAddedAfterTheBuiltInSites()
    {
        var settings = Load(new()
        {
            ["Sites:chrono_shop:Platform"] = "Shopify",
            ["Sites:chrono_shop:ListingUrl"] = "https://www.chrono-shop.example/collections/neu?sort_by=created-descending",
        });

        Assert.Equal(7, settings.Sites.Count);
        var site = settings.Sites[^1];
        Assert.Equal("chrono_shop", site.Key);
        Assert.True(site.IsConfigured && site.Enabled);
        Assert.Equal("shopify", site.Definition.Platform);
        Assert.Equal("chrono_shop", site.Definition.DisplayName);
        Assert.Equal("EUR", site.Definition.Currency);
        Assert.Equal(ConfiguredSites.DefaultColor, site.Definition.Color);
        Assert.Equal("https://www.chrono-shop.example", site.Endpoints.BaseUrl);
        Assert.Equal("https://www.chrono-shop.example/collections/neu/products.json?limit=250", site.Endpoints.ProductsJsonUrl);
        Assert.Equal("CHRONO_SHOP_WEBHOOK_URL", site.Definition.WebhookEnvironmentVariable);
        Assert.Null(site.WebhookUrl);
        Assert.IsType<WatchMonitor.Sites.Platforms.Shopify.ShopifyAdapter>(SiteAdapters.For(site));
    }

    [Fact]
    public void Load_EverySetting_IsRead()
    {
        var settings = Load(new()
        {
            ["Sites:uhrenhaus:Platform"] = "selectors",
            ["Sites:uhrenhaus:Name"] = "Uhrenhaus am Markt",
            ["Sites:uhrenhaus:ListingUrl"] = "https://uhrenhaus.example/neu",
            ["Sites:uhrenhaus:BaseUrl"] = "https://www.uhrenhaus.example/",
            ["Sites:uhrenhaus:Currency"] = "usd",
            ["Sites:uhrenhaus:Color"] = "#B08D57",
            ["Sites:uhrenhaus:Enabled"] = "false",
            ["UHRENHAUS_WEBHOOK_URL"] = "https://discord.com/api/webhooks/1/token",
            ["Sites:uhrenhaus:Selectors:Card"] = "article.tile",
            ["Sites:uhrenhaus:Selectors:Link"] = "a",
            ["Sites:uhrenhaus:Selectors:Title"] = "h3",
            ["Sites:uhrenhaus:Selectors:Price"] = ".price",
            ["Sites:uhrenhaus:Selectors:Detail:Year"] = "dd.year",
        });

        var site = Assert.Single(settings.Sites, s => s.Key == "uhrenhaus");
        Assert.Equal("Uhrenhaus am Markt", site.Definition.DisplayName);
        Assert.Equal("USD", site.Definition.Currency);
        Assert.Equal(0xB08D57, site.Definition.Color);
        Assert.False(site.Enabled);
        Assert.Equal("https://www.uhrenhaus.example/", site.Endpoints.BaseUrl);
        Assert.Equal("https://discord.com/api/webhooks/1/token", site.WebhookUrl);
        Assert.True(site.Selectors!.HasDetail);
        Assert.Equal("dd.year", site.Selectors.Texts[SelectorSet.DetailYear]);
        Assert.IsType<SelectorsAdapter>(SiteAdapters.For(site));
    }

    [Fact]
    public void Load_ConfiguredHosts_AreAllowedByTheOutboundPolicy()
    {
        var settings = Load(new()
        {
            ["Sites:woo:Platform"] = "woocommerce",
            ["Sites:woo:ListingUrl"] = "https://shop.uhren-atelier.example/shop/",
            ["Sites:sw:Platform"] = "shopware",
            ["Sites:sw:ListingUrl"] = "https://www.uhrenkontor.example/neuheiten",
            ["SKIP_SITES"] = "sw",
        });

        var policy = OutboundHostPolicy.From(settings.Options, settings.Sites);

        Assert.True(policy.Allows(new Uri("https://shop.uhren-atelier.example/wp-json/wc/store/v1/products?orderby=date&order=desc&per_page=100")));
        Assert.True(policy.Allows(new Uri("https://uhrenkontor.example/rolex/UK-1")));
        Assert.False(Assert.Single(settings.Sites, s => s.Key == "sw").Enabled);
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "Sites:shop:Platform", "magento", "Sites:shop:Platform='magento' is no platform. Use one of: shopify, woocommerce, shopware, selectors." },
        { "Sites:shop:ListingUrl", "shop.example/neu", "Sites:shop:ListingUrl=shop.example/neu is not an absolute http(s) URL" },
        { "Sites:shop:ListingUrl", "ftp://shop.example/neu", "Sites:shop:ListingUrl=ftp://shop.example/neu is not an absolute http(s) URL" },
        { "Sites:shop:ListingUrl", "", "Sites:shop:ListingUrl is missing" },
        { "Sites:shop:BaseUrl", "/", "Sites:shop:BaseUrl=/ is not an absolute http(s) URL" },
        { "Sites:shop:Currency", "Euro", "Sites:shop:Currency='Euro' is not a three-letter currency code" },
        { "Sites:shop:Color", "gold", "Sites:shop:Color='gold' is not a colour: use #RRGGBB" },
        { "Sites:shop:Enabled", "ja", "Sites:shop:Enabled='ja' is not true or false." },
        { "Sites:shop:Webhook", "https://discord.com/api/webhooks/1/a", "Sites:shop:Webhook is no setting of a configured site." },
        { "Sites:shop:Selectors:Card", "li", "Sites:shop:Selectors are read only with Platform=selectors" },
        { "Sites:shop:WebhookUrl", "discord.com/api/webhooks/1/secret", "SHOP_WEBHOOK_URL (or Sites:shop:WebhookUrl)=*** is not an absolute http(s) URL" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Load_InvalidSetting_FailsNamingTheKey(string key, string value, string expected)
    {
        var values = new Dictionary<string, string?>
        {
            ["Sites:shop:Platform"] = "shopify",
            ["Sites:shop:ListingUrl"] = "https://shop.example/collections/neu",
            [key] = value,
        };

        var exception = Assert.Throws<InvalidConfigurationException>(() => Load(values));

        Assert.Contains(exception.Errors, error => error.StartsWith(expected, StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> InvalidSelectors => new()
    {
        { "Card", "", "Sites:shop:Selectors:Card is missing" },
        { "Price", "span.price[", "Sites:shop:Selectors:Price='span.price[' is not a valid CSS selector" },
        { "Detail:Yaer", "dd", "Sites:shop:Selectors:Detail:Yaer is no selector name" },
    };

    [Theory]
    [MemberData(nameof(InvalidSelectors))]
    public void Load_InvalidSelector_FailsNamingTheKey(string name, string value, string expected)
    {
        var values = new Dictionary<string, string?>
        {
            ["Sites:shop:Platform"] = "selectors",
            ["Sites:shop:ListingUrl"] = "https://shop.example/neu",
            ["Sites:shop:Selectors:Card"] = "li.product",
            ["Sites:shop:Selectors:Link"] = "a",
            ["Sites:shop:Selectors:Title"] = "h3",
            ["Sites:shop:Selectors:Price"] = ".price",
            ["Sites:shop:Selectors:" + name] = value,
        };

        var exception = Assert.Throws<InvalidConfigurationException>(() => Load(values));

        Assert.Contains(exception.Errors, error => error.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("MyShop")]
    [InlineData("chrono-shop")]
    [InlineData("shop.de")]
    public void Load_KeyNotLowercaseLettersDigitsUnderscores_FailsWithASuggestion(string key)
    {
        var exception = Assert.Throws<InvalidConfigurationException>(() => Load(new()
        {
            [$"Sites:{key}:Platform"] = "shopify",
            [$"Sites:{key}:ListingUrl"] = "https://shop.example/collections/neu",
        }));

        var error = Assert.Single(exception.Errors);
        Assert.StartsWith($"Sites:{key} (environment Sites__{key}__…): a site key is lowercase letters, digits and underscores, e.g. '", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BuiltInKeyWithPlatform_Fails()
    {
        var exception = Assert.Throws<InvalidConfigurationException>(() => Load(new() { ["Sites:watch_out:Platform"] = "shopify" }));

        Assert.StartsWith("Sites:watch_out:Platform: 'watch_out' is a built-in site", Assert.Single(exception.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKeyWithoutPlatform_PointsAtPlatform()
    {
        var exception = Assert.Throws<InvalidConfigurationException>(() => Load(new() { ["Sites:chrono_shop:ListingUrl"] = "https://shop.example/x" }));

        Assert.Contains("Sites__chrono_shop__Platform=shopify, woocommerce, shopware or selectors", Assert.Single(exception.Errors), StringComparison.Ordinal);
    }

    private static MonitorSettings Load(Dictionary<string, string?> values) =>
        MonitorSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
