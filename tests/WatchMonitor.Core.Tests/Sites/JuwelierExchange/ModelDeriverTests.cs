using WatchMonitor.Sites.JuwelierExchange;

namespace WatchMonitor.Core.Tests.Sites.JuwelierExchange;

public sealed class ModelDeriverTests
{
    [Theory]
    [InlineData("Rolex Submariner Date 116610LN", "Rolex", "116610LN", "Submariner")]
    [InlineData("Herrenuhr Rolex Datejust 36 16233", "Rolex", "16233", "Datejust 36")]
    [InlineData("DAMENUHR cartier Panthère", "Cartier", null, "Panthère")]
    [InlineData("Omega Speedmaster 'Moonwatch' 3570.50", "Omega", "3570.50", "Moonwatch")]
    [InlineData("Omega Speedmaster ‘Moonwatch’", "Omega", null, "Moonwatch")]
    [InlineData("Rolex 'X' Explorer", "Rolex", null, "'X' Explorer")] // a one-character quote is no model
    [InlineData("Tudor Black Bay Fifty-Eight 79030N Automatik", "Tudor", "79030N", "Black Bay Fifty-Eight")]
    [InlineData("Tudor 79030N | Black Bay", "Tudor", "79030N", "Black Bay")] // " |,-" trimmed after the reference
    [InlineData("Omega Seamaster Ref. 2254.50 Automatik", "Omega", "2254.50", "Seamaster")] // "Ref." goes with the reference
    [InlineData("Longines Conquest l3.777.4", "Longines", "L3.777.4", "Conquest l3.777.4")] // the reference is case-sensitive
    [InlineData("Breitling Navitimer Chrono", "Breitling", null, "Navitimer")]
    [InlineData("Heuer Monaco Update", "Heuer", null, "Monaco Update")] // "Date" only as a whole word
    [InlineData("Zenith Defy El Primero 21 Chronograph", "Zenith", null, "Defy El Primero")]
    [InlineData("Rolex", "Rolex", null, null)]
    [InlineData("Rolex 116610LN", "Rolex", "116610LN", null)]
    [InlineData("Rolex Quarz", "Rolex", null, null)]
    [InlineData("Herrenuhr Rolex X", "Rolex", null, null)] // shorter than two characters
    [InlineData("Rolex Rolex", "Rolex", null, null)] // equal to the brand
    public void Derive_Title_GivesModel(string title, string brand, string? reference, string? expected)
    {
        Assert.Equal(expected, ModelDeriver.Derive(title, brand, reference));
    }
}
