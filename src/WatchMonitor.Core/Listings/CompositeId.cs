using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WatchMonitor.Listings;

/// <summary>
/// The stable id of a listing, byte-identical to the Python reference so its seen files import without re-alerts.
/// </summary>
public static class CompositeId
{
    public static string Compute(CompositeIdInputs inputs) => Compute(inputs, pythonFloatCents: false);

    /// <param name="inputs">The id inputs.</param>
    /// <param name="pythonFloatCents">
    /// Truncate cents the way Python does on a float (9250.55 × 100 = 925054.99… → 925054) instead of exactly.
    /// SITES.md leaves open whether the reference held prices as float or Decimal; legacy ids use the float form so
    /// both are recognised (with Decimal, ids of prices with cents are the exact form, which is the primary id).
    /// </param>
    public static string Compute(CompositeIdInputs inputs, bool pythonFloatCents)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Hash(BuildKey(inputs, pythonFloatCents));
    }

    /// <summary>The string that is hashed, e.g. "rolex|submariner date|116610ln|850000".</summary>
    public static string BuildKey(CompositeIdInputs inputs) => BuildKey(inputs, pythonFloatCents: false);

    private static string BuildKey(CompositeIdInputs inputs, bool pythonFloatCents)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var brand = Lower(inputs.Brand);
        var model = Lower(inputs.Model);
        var reference = Lower(inputs.Reference).Replace(" ", "", StringComparison.Ordinal);
        var price = pythonFloatCents ? PriceInCentsAsPythonFloat(inputs.Price) : PriceInCents(inputs.Price);
        var essentialCount = Count(brand, model, reference, price);

        return essentialCount >= 2
            ? JoinNonEmpty(brand, model, reference, price, inputs.Year ?? "", Lower(inputs.CaseMaterial))
            : JoinNonEmpty(Lower(inputs.Title), price, Lower(inputs.Url));
    }

    internal static string PriceInCents(decimal? price) =>
        price is { } amount && amount != 0m
            ? decimal.Truncate(amount * 100m).ToString("0", CultureInfo.InvariantCulture)
            : "";

    internal static string PriceInCentsAsPythonFloat(decimal? price) =>
        price is { } amount && amount != 0m
            ? Math.Truncate((double)amount * 100d).ToString("0", CultureInfo.InvariantCulture)
            : "";

    private static string Hash(string key)
    {
        Span<byte> digest = stackalloc byte[16];
#pragma warning disable CA5351 // MD5 is the reference's id format, not a security boundary.
        MD5.HashData(Encoding.UTF8.GetBytes(key), digest);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(digest);
    }

    private static string Lower(string? value) => value?.ToLowerInvariant() ?? "";

    private static int Count(params ReadOnlySpan<string> parts)
    {
        var count = 0;
        foreach (var part in parts)
        {
            if (part.Length > 0)
            {
                count++;
            }
        }

        return count;
    }

    private static string JoinNonEmpty(params ReadOnlySpan<string> parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append('|');
            }

            builder.Append(part);
        }

        return builder.ToString();
    }
}
