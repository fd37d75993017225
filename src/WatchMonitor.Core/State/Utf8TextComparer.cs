using System.Buffers;
using System.Text;

namespace WatchMonitor.State;

/// <summary>
/// Compares text kept as UTF-8 bytes, and looks it up by a <see cref="string"/> without encoding one to an array:
/// the seen store keeps 60,000 listing URLs, which take half the memory as UTF-8 as they do as strings.
/// </summary>
internal sealed class Utf8TextComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<char>, byte[]>
{
    private const int StackLimit = 512;

    public static Utf8TextComparer Instance { get; } = new();

    public static byte[] Encode(ReadOnlySpan<char> text)
    {
        var utf8 = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, utf8);
        return utf8;
    }

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<char> alternate, byte[] other)
    {
        var length = Encoding.UTF8.GetByteCount(alternate);
        if (length != other.Length)
        {
            return false;
        }

        byte[]? rented = null;
        var utf8 = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return utf8[..Encoding.UTF8.GetBytes(alternate, utf8)].SequenceEqual(other);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public int GetHashCode(ReadOnlySpan<char> alternate)
    {
        var length = Encoding.UTF8.GetByteCount(alternate);
        byte[]? rented = null;
        var utf8 = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return Hash(utf8[..Encoding.UTF8.GetBytes(alternate, utf8)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public byte[] Create(ReadOnlySpan<char> alternate) => Encode(alternate);

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = default(HashCode);
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }
}
