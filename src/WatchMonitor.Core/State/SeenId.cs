using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace WatchMonitor.State;

/// <summary>
/// A seen id as the seen store holds it: a composite id (32 lowercase hex digits, an MD5) as its 16 bytes, any
/// other id as its string. A full store holds 60,000 ids; as strings they took 90 bytes each plus a reference.
/// </summary>
/// <remarks>Only the exact lowercase form is packed, so every id is written back exactly as it was read.</remarks>
internal readonly struct SeenId : IEquatable<SeenId>
{
    private const int HexLength = 32;

    private readonly UInt128 _digest;
    private readonly string? _text;

    private SeenId(UInt128 digest, string? text)
    {
        _digest = digest;
        _text = text;
    }

    public static SeenId From(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryPack(id, out var digest) ? new SeenId(digest, null) : new SeenId(default, id);
    }

    /// <summary>From an id's UTF-8 text (unescaped), allocating only for an id that is not a composite id.</summary>
    public static SeenId FromUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == HexLength && IsLowerHex(utf8)
            && UInt128.TryParse(utf8, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var digest))
        {
            return new SeenId(digest, null);
        }

        return new SeenId(default, System.Text.Encoding.UTF8.GetString(utf8));
    }

    public static bool operator ==(SeenId left, SeenId right) => left.Equals(right);

    public static bool operator !=(SeenId left, SeenId right) => !left.Equals(right);

    public bool Equals(SeenId other) =>
        _text is null ? other._text is null && _digest == other._digest : string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is SeenId other && Equals(other);

    public override int GetHashCode() => _text is null ? _digest.GetHashCode() : StringComparer.Ordinal.GetHashCode(_text);

    public override string ToString() => _text ?? _digest.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>Writes the id as a JSON string value without materializing it as a string.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (_text is not null)
        {
            writer.WriteStringValue(_text);
            return;
        }

        Span<byte> hex = stackalloc byte[HexLength];
        Format(hex);
        writer.WriteStringValue(hex);
    }

    /// <summary>Writes the id as a JSON property <paramref name="name"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer, JsonEncodedText name)
    {
        if (_text is not null)
        {
            writer.WriteString(name, _text);
            return;
        }

        Span<byte> hex = stackalloc byte[HexLength];
        Format(hex);
        writer.WriteString(name, hex);
    }

    private void Format(Span<byte> hex)
    {
        var formatted = Utf8Formatter.TryFormat((ulong)(_digest >> 64), hex, out _, new System.Buffers.StandardFormat('x', 16))
            && Utf8Formatter.TryFormat((ulong)_digest, hex[16..], out _, new System.Buffers.StandardFormat('x', 16));
        System.Diagnostics.Debug.Assert(formatted, "32 bytes hold two 16-digit halves.");
    }

    private static bool TryPack(string id, out UInt128 digest)
    {
        digest = default;
        return id.Length == HexLength && IsLowerHex(id.AsSpan())
            && UInt128.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out digest);
    }

    private static bool IsLowerHex<T>(ReadOnlySpan<T> text)
        where T : IBinaryInteger<T>
    {
        foreach (var unit in text)
        {
            var value = int.CreateTruncating(unit);
            if (value is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
