namespace WatchMonitor.Diagnostics;

/// <summary>MB here means MiB (1,048,576 bytes), the unit <c>ps</c>, <c>top</c> and dotnet-counters show.</summary>
internal static class MemoryUnits
{
    public const long BytesPerMb = 1024 * 1024;

    public static double ToMb(long bytes) => bytes / (double)BytesPerMb;
}
