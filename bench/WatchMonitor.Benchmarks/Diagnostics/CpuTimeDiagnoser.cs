using System.Collections.Concurrent;
using System.Diagnostics;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace WatchMonitor.Benchmarks.Diagnostics;

/// <summary>
/// CPU time of the benchmark process per operation over the actual iterations. On a machine shared with other
/// builds the wall-clock Mean also counts time spent waiting for a core; CPU time leaves that out, though cache and
/// memory contention still inflate it. The overhead iterations (an empty method, as often) fall in the same window
/// and add a nanosecond or two; Linux counts CPU time in 10 ms ticks, well below 1 % of an actual run.
/// </summary>
public sealed class CpuTimeDiagnoser : IDiagnoser
{
    public static readonly CpuTimeDiagnoser Default = new();

    private readonly ConcurrentDictionary<BenchmarkCase, TimeSpan> _startCpu = new();
    private readonly ConcurrentDictionary<BenchmarkCase, TimeSpan> _runCpu = new();

    private CpuTimeDiagnoser()
    {
    }

    public IEnumerable<string> Ids => ["CpuTime"];

    public IEnumerable<IExporter> Exporters => [];

    public IEnumerable<IAnalyser> Analysers => [];

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        switch (signal)
        {
            case HostSignal.BeforeActualRun:
                _startCpu[parameters.BenchmarkCase] = CpuTimeOf(parameters.Process);
                break;
            case HostSignal.AfterActualRun when _startCpu.TryRemove(parameters.BenchmarkCase, out var start):
                _runCpu[parameters.BenchmarkCase] = CpuTimeOf(parameters.Process) - start;
                break;
        }
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        // TotalOperations also counts jitting, pilot and warm-up iterations; only the actual ones ran in the bracket.
        var operations = results.Measurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
            .Sum(m => m.Operations);
        if (_runCpu.TryRemove(results.BenchmarkCase, out var cpu) && operations > 0)
        {
            yield return new Metric(CpuTimeMetric.Instance, cpu.Ticks * 100d / operations);
        }
    }

    public void DisplayResults(ILogger logger)
    {
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];

    private static TimeSpan CpuTimeOf(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private sealed class CpuTimeMetric : IMetricDescriptor
    {
        public static readonly CpuTimeMetric Instance = new();

        public string Id => "CpuTime";

        public string DisplayName => "CPU/op";

        public string Legend => "CPU time of the benchmark process per operation over the actual iterations (leaves out time spent waiting for a core)";

        public string NumberFormat => "0.000";

        public UnitType UnitType => UnitType.Time;

        public string Unit => "ns";

        public bool TheGreaterTheBetter => false;

        public int PriorityInCategory => 0;

        public bool GetIsAvailable(Metric metric) => true;
    }
}

/// <summary>Adds <see cref="CpuTimeDiagnoser"/> to a benchmark class.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CpuTimeDiagnoserAttribute : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddDiagnoser(CpuTimeDiagnoser.Default);
}
