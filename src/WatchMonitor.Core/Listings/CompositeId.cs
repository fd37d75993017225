using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WatchMonitor.Listings;

/// <summary>A listing's stable id, byte-identical to the Python monitor's (docs/ids.md).</summary>
public static class CompositeId
{
    private static readonly decimal MaxPrice = decimal.MaxValue / 100m;

    public static string Compute(CompositeIdInputs inputs) => Compute(inputs, pythonFloatCents: false);

    // pythonFloatCents: truncate as Python does on a float (9250.55 × 100 = 925054.99… → 925054). Whether the Python
    // monitor held floats or Decimals is not known, so legacy ids use floats and primary ids the exact form.
    public static string Compute(CompositeIdInputs inputs, bool pythonFloatCents)
    {
        ArgumentNullException.ThrowIfNull(inputs);

        // The same key as BuildKey, written into one buffer instead of a string per part: every listing computes two
        // ids, and on a 600-card page the part strings were a quarter of the parse's garbage.
        var length = MaxKeyLength(inputs);
        char[]? rented = null;
        var buffer = length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            return Hash(buffer[..WriteKey(inputs, pythonFloatCents, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The id of a twin: a listing whose composite id another listing on the same page already has (a dealer
    /// selling two identical watches under two URLs). MD5 of "&lt;composite id&gt;|&lt;URL as written&gt;", e.g.
    /// "215de3dfc0d1f6a1f0004cf826c7e0fd|https://x/b"; see docs/ids.md.
    /// </summary>
    public static string ForTwin(string compositeId, string url)
    {
        ArgumentNullException.ThrowIfNull(compositeId);
        ArgumentNullException.ThrowIfNull(url);
        return Hash(string.Concat(compositeId, "|", url));
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

    internal static string PriceInCents(decimal? price)
    {
        Span<char> cents = stackalloc char[64];
        return new string(cents[..WritePriceInCents(price, pythonFloatCents: false, cents)]);
    }

    internal static string PriceInCentsAsPythonFloat(decimal? price) =>
        price is { } amount && amount != 0m
            ? Math.Truncate((double)amount * 100d).ToString("0", CultureInfo.InvariantCulture)
            : "";

    private static string Hash(ReadOnlySpan<char> key)
    {
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        var bytes = length <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(key, bytes);
            Span<byte> digest = stackalloc byte[16];
#pragma warning disable CA5351 // MD5 is the Python monitor's id format, not a security boundary.
            MD5.HashData(bytes[..written], digest);
#pragma warning restore CA5351
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // Room for every part, the separators and the longest price in cents (a decimal has at most 29 digits and a sign).
    private static int MaxKeyLength(CompositeIdInputs inputs) =>
        (inputs.Brand?.Length ?? 0) + (inputs.Model?.Length ?? 0) + (inputs.Reference?.Length ?? 0) + (inputs.Year?.Length ?? 0)
        + (inputs.CaseMaterial?.Length ?? 0) + (inputs.Title?.Length ?? 0) + (inputs.Url?.Length ?? 0) + 64;

    private static int WriteKey(CompositeIdInputs inputs, bool pythonFloatCents, Span<char> key)
    {
        var brand = inputs.Brand.AsSpan();
        var model = inputs.Model.AsSpan();
        var referenceLength = inputs.Reference.AsSpan().Length - inputs.Reference.AsSpan().Count(' ');
        Span<char> price = stackalloc char[64];
        price = price[..WritePriceInCents(inputs.Price, pythonFloatCents, price)];
        var essentialCount = (brand.IsEmpty ? 0 : 1) + (model.IsEmpty ? 0 : 1) + (referenceLength == 0 ? 0 : 1) + (price.IsEmpty ? 0 : 1);

        var writer = new KeyWriter(key);
        if (essentialCount >= 2)
        {
            writer.AppendLower(brand);
            writer.AppendLower(model);
            writer.AppendLowerWithoutSpaces(inputs.Reference.AsSpan(), referenceLength);
            writer.Append(price);
            writer.Append(inputs.Year.AsSpan());
            writer.AppendLower(inputs.CaseMaterial.AsSpan());
        }
        else
        {
            writer.AppendLower(inputs.Title.AsSpan());
            writer.Append(price);
            writer.AppendLower(inputs.Url.AsSpan());
        }

        return writer.Length;
    }

    private static int WritePriceInCents(decimal? price, bool pythonFloatCents, Span<char> destination)
    {
        if (price is not { } amount || amount == 0m)
        {
            return 0;
        }

        var written = 0;
        var formatted = pythonFloatCents
            ? Math.Truncate((double)amount * 100d).TryFormat(destination, out written, "0", CultureInfo.InvariantCulture)
            : decimal.Truncate(CheckedPrice(amount) * 100m).TryFormat(destination, out written, "0", CultureInfo.InvariantCulture);
        return formatted ? written : throw new InvalidOperationException("A price in cents did not fit its buffer.");
    }

    // Its cents would overflow a decimal; no watch costs that much, so the price text was misread and the listing is
    // better skipped (its card is reported) than given an id that depends on a clamp.
    private static decimal CheckedPrice(decimal amount) =>
        Math.Abs(amount) <= MaxPrice
            ? amount
            : throw new OverflowException(string.Create(CultureInfo.InvariantCulture,
                $"The price {amount} is beyond the largest a composite id holds ({MaxPrice}): the price text was misread, the listing is skipped."));

    private ref struct KeyWriter(Span<char> buffer)
    {
        private readonly Span<char> _buffer = buffer;

        public int Length { get; private set; }

        public void Append(scoped ReadOnlySpan<char> part)
        {
            if (Separate(part.Length))
            {
                part.CopyTo(_buffer[Length..]);
                Length += part.Length;
            }
        }

        public void AppendLower(scoped ReadOnlySpan<char> part)
        {
            if (Separate(part.Length))
            {
                Length += part.ToLowerInvariant(_buffer[Length..]);
            }
        }

        // The watch reference, lower-cased, then its spaces removed: "116610 LN" → "116610ln".
        public void AppendLowerWithoutSpaces(scoped ReadOnlySpan<char> part, int lengthWithoutSpaces)
        {
            if (!Separate(lengthWithoutSpaces))
            {
                return;
            }

            var start = Length;
            var end = start + part.ToLowerInvariant(_buffer[start..]);
            for (var i = start; i < end; i++)
            {
                if (_buffer[i] != ' ')
                {
                    _buffer[Length++] = _buffer[i];
                }
            }
        }

        private bool Separate(int partLength)
        {
            if (partLength == 0)
            {
                return false;
            }

            if (Length > 0)
            {
                _buffer[Length++] = '|';
            }

            return true;
        }
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
