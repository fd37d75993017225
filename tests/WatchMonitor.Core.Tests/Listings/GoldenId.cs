using System.Security.Cryptography;
using System.Text;

namespace WatchMonitor.Core.Tests.Listings;

/// <summary>
/// The id a key string must hash to (MD5 of its UTF-8 bytes, lower-case hex, docs/ids.md), so adapter tests pin
/// the ids the adapters compute against a readable key written in the test, not against the product's key builder.
/// </summary>
internal static class GoldenId
{
#pragma warning disable CA5351 // The composite id format is MD5; this is its specification, not security.
    public static string Of(string key) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(key)));
#pragma warning restore CA5351
}
