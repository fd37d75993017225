using System.Runtime.InteropServices;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;
using WatchMonitor.Maintenance;

namespace WatchMonitor.Core.Tests.Diagnostics;

[Collection(ProcessMemoryTests.Name)]
public sealed class NativeHeapTrimStepTests
{
    private const int BlockBytes = 4 * 1024;
    private const int Blocks = 16 * 1024;

    [LinuxFact]
    public async Task ReleaseAsync_AfterManySmallBlocksWereFreed_ReturnsTheirPagesToTheOs()
    {
        using var reader = new ProcessMemoryReader();
        var step = new NativeHeapTrimStep(reader);
        // 64 MB of small blocks stay resident after free(); the block kept last stops glibc from trimming the
        // top of the heap on its own, as a live TLS or SQLite buffer does in the monitor.
        var kept = AllocateAndFreeAllButLast();
        try
        {
            var freed = await step.ReleaseAsync(CleanupLevel.Periodic, CancellationToken.None);

            Assert.NotNull(freed);
            Assert.Equal("resident memory", freed.Target);
            Assert.True(freed.BytesFreed > Blocks * BlockBytes / 2, $"malloc_trim freed {freed.FreedMb:F1} MB of resident memory ({freed.BeforeMb:F1} -> {freed.AfterMb:F1} MB).");
        }
        finally
        {
            Free(kept);
        }
    }

    [Fact]
    public async Task ReleaseAsync_AlwaysReportsTheResidentFigureBeforeAndAfter()
    {
        var reader = new FakeProcessMemoryReader(300);
        var step = new NativeHeapTrimStep(reader);

        var freed = await step.ReleaseAsync(CleanupLevel.Emergency, CancellationToken.None);

        Assert.NotNull(freed);
        Assert.StartsWith("resident memory", freed.Target, StringComparison.Ordinal);
        Assert.Equal(300 * 1024 * 1024, freed.BytesBefore);
        Assert.Equal(0, freed.BytesFreed);
        Assert.Equal("native heap", step.Name);
    }

    private static nint AllocateAndFreeAllButLast()
    {
        var ones = new byte[BlockBytes];
        Array.Fill(ones, (byte)1);
        var blocks = new nint[Blocks];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(BlockBytes);
            Marshal.Copy(ones, 0, blocks[i], BlockBytes);
        }

        for (var i = 0; i < blocks.Length - 1; i++)
        {
            Marshal.FreeHGlobal(blocks[i]);
        }

        return blocks[^1];
    }

    private static void Free(nint block) => Marshal.FreeHGlobal(block);
}
