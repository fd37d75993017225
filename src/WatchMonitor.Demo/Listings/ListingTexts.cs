using System.Globalization;

namespace WatchMonitor.Demo.Listings;

/// <summary>How German and English dealer pages word a listing's facts.</summary>
public static class ListingTexts
{
    public static string ConditionGerman(ConditionGrade grade) => grade switch
    {
        ConditionGrade.Unworn => "Ungetragen",
        ConditionGrade.VeryGood => "Sehr guter Zustand",
        ConditionGrade.Good => "Leichte Gebrauchsspuren",
        ConditionGrade.Fair => "Sichtbare Gebrauchsspuren",
        ConditionGrade.Worn => "Deutliche Gebrauchsspuren",
        _ => "Starke Gebrauchsspuren",
    };

    public static string ConditionEnglish(ConditionGrade grade) => grade switch
    {
        ConditionGrade.Unworn => "Unworn",
        ConditionGrade.VeryGood => "Excellent",
        ConditionGrade.Good => "Good condition",
        ConditionGrade.Fair => "Fair condition",
        ConditionGrade.Worn => "Signs of wear",
        _ => "Strong signs of use",
    };

    public static string BoxPapersGerman(BoxPapers boxPapers) => boxPapers switch
    {
        BoxPapers.FullSet => "Box und Papiere",
        BoxPapers.BoxOnly => "Originalbox",
        BoxPapers.PapersOnly => "Originalzertifikat",
        _ => "Nur die Uhr",
    };

    public static string BoxPapersEnglish(BoxPapers boxPapers) => boxPapers switch
    {
        BoxPapers.FullSet => "Box and papers",
        BoxPapers.BoxOnly => "Original box",
        BoxPapers.PapersOnly => "Original certificate",
        _ => "None",
    };

    public static string MaterialGerman(CaseMaterial material) => material switch
    {
        CaseMaterial.Steel => "Edelstahl",
        CaseMaterial.YellowGold => "Gelbgold",
        CaseMaterial.WhiteGold => "Weißgold",
        CaseMaterial.RoseGold => "Roségold",
        CaseMaterial.Platinum => "Platin",
        _ => "Titan",
    };

    public static string MaterialEnglish(CaseMaterial material) => material switch
    {
        CaseMaterial.Steel => "Steel",
        CaseMaterial.YellowGold => "Yellow Gold",
        CaseMaterial.WhiteGold => "White Gold",
        CaseMaterial.RoseGold => "Rose Gold",
        CaseMaterial.Platinum => "Platinum",
        _ => "Titanium",
    };

    /// <summary>"40 mm", "39,5 mm" (German) or "40mm", "39.5mm" (English); empty without a diameter.</summary>
    public static string Diameter(decimal? millimetres, bool german, bool space = true)
    {
        if (millimetres is not { } value)
        {
            return "";
        }

        var number = value.ToString("0.##", CultureInfo.InvariantCulture);
        return (german ? number.Replace('.', ',') : number) + (space ? " mm" : "mm");
    }
}
