using Microsoft.Extensions.Configuration;
using WatchMonitor.Diagnostics;

namespace WatchMonitor.Core.Tests.Diagnostics;

public sealed class MemoryOptionsTests
{
    [Fact]
    public void Constructor_NoConfiguration_DefaultsMatchTheDesign()
    {
        var options = new MemoryOptions();

        Assert.Equal(400, options.WarningThresholdMb);
        Assert.Equal(500, options.CriticalThresholdMb);
        Assert.Equal(10, options.ForceGcEveryNCycles);
        Assert.Equal(3, options.RecoveryCycles);
        Assert.False(options.Profiling);
        Assert.Equal("reports", options.ReportsDirectory);
        Assert.Equal(12, options.ReportEveryNCycles);
        Assert.Equal(400L * 1024 * 1024, options.WarningThresholdBytes);
        Assert.Empty(MemoryOptions.Validate(options));
    }

    [Fact]
    public void Bind_EnvironmentStyleNames_FillOptions()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MEMORY_WARNING_THRESHOLD_MB"] = "300",
                ["MEMORY_CRITICAL_THRESHOLD_MB"] = "350",
                ["FORCE_GC_EVERY_N_CYCLES"] = "5",
                ["MEMORY_RECOVERY_CYCLES"] = "2",
                ["MEMORY_PROFILING"] = "true",
                ["MEMORY_REPORTS_DIR"] = "/var/lib/watchmon/reports",
                ["MEMORY_REPORT_EVERY_N_CYCLES"] = "0",
            })
            .Build();

        var options = configuration.Get<MemoryOptions>()!;

        Assert.Equal(300, options.WarningThresholdMb);
        Assert.Equal(350, options.CriticalThresholdMb);
        Assert.Equal(5, options.ForceGcEveryNCycles);
        Assert.Equal(2, options.RecoveryCycles);
        Assert.True(options.Profiling);
        Assert.Equal("/var/lib/watchmon/reports", options.ReportsDirectory);
        Assert.Equal(0, options.ReportEveryNCycles);
        Assert.Empty(MemoryOptions.Validate(options));
    }

    [Theory]
    [InlineData("MEMORY_WARNING_THRESHOLD_MB", "MEMORY_WARNING_THRESHOLD_MB=0 is out of range: use a value from 32 to 65536 MB")]
    [InlineData("FORCE_GC_EVERY_N_CYCLES", "FORCE_GC_EVERY_N_CYCLES=0 is out of range: use a value from 1 to 10000 cycles")]
    [InlineData("MEMORY_RECOVERY_CYCLES", "MEMORY_RECOVERY_CYCLES=0 is out of range: use a value from 1 to 1000 cycles")]
    public void Validate_ZeroValue_NamesKeyValueAndRange(string key, string expected)
    {
        var options = new MemoryOptions();
        switch (key)
        {
            case "MEMORY_WARNING_THRESHOLD_MB": options.WarningThresholdMb = 0; break;
            case "FORCE_GC_EVERY_N_CYCLES": options.ForceGcEveryNCycles = 0; break;
            default: options.RecoveryCycles = 0; break;
        }

        var errors = MemoryOptions.Validate(options);

        Assert.Contains(errors, error => error.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CriticalNotAboveWarning_ExplainsBothKeys()
    {
        var options = new MemoryOptions { WarningThresholdMb = 450, CriticalThresholdMb = 450 };

        var error = Assert.Single(MemoryOptions.Validate(options));

        Assert.StartsWith("MEMORY_CRITICAL_THRESHOLD_MB=450 must be above MEMORY_WARNING_THRESHOLD_MB=450", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BlankReportsDirectoryAndNegativeReportInterval_ReportsBoth()
    {
        var options = new MemoryOptions { ReportsDirectory = " ", ReportEveryNCycles = -1 };

        var errors = MemoryOptions.Validate(options);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, error => error.StartsWith("MEMORY_REPORTS_DIR is empty", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("MEMORY_REPORT_EVERY_N_CYCLES=-1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500, 80.0, true)]
    [InlineData(120, 80.0, true)]
    [InlineData(119, 80.0, false)]
    public void CheckBaseline_CriticalAgainstOneAndAHalfTimesTheStartUpMemory_RefusesBelowWithTheFigure(int criticalMb, double baselineMb, bool accepted)
    {
        var problem = MemoryOptions.CheckBaseline(criticalMb, baselineMb);

        if (accepted)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Equal("MEMORY_CRITICAL_THRESHOLD_MB=119 is below 1.5 x the 80 MB resident memory measured after start-up: the monitor would restart after every cycle. Set it to at least 120 (default 500) and MEMORY_WARNING_THRESHOLD_MB below it.", problem);
        }
    }
}
