using System.Globalization;

namespace WatchMonitor.Soak.Report;

/// <summary>The human-readable summary; its last line is <see cref="SoakSummary.ResultLine"/>.</summary>
internal static class SummaryText
{
    public static void Write(TextWriter output, SoakSummary summary, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(summary);
        var invariant = CultureInfo.InvariantCulture;
        void Line(FormattableString text) => output.WriteLine(text.ToString(invariant));

        output.WriteLine();
        if (summary.Aborted is not null)
        {
            Line($"run ended early: {summary.Aborted}");
        }

        var publish = summary.Monitor?.PublishSeconds is { } seconds ? string.Create(invariant, $", published in {seconds:F1} s") : "";
        Line($"runtime           {summary.Runtime} ({summary.Monitor?.Binary ?? "not built"}{publish})");
        Line($"machine           {summary.Machine.Processors} processors; load average {summary.Machine.LoadAverageAtStart ?? "unknown"} at the start, {summary.Machine.LoadAverageAtEnd ?? "unknown"} at the end");
        if (summary.Options.Dealers is { } dealers)
        {
            Line($"dealers           {dealers} ({SoakOptions.BuiltInDealers} built in, {dealers - SoakOptions.BuiltInDealers} configured), every page answered after {summary.Options.LatencyMs} ms, MAX_CONCURRENT_SCRAPERS {summary.Options.MaxConcurrentScrapers?.ToString(invariant) ?? "default"}, the service's delays and retries");
        }
        var resident = summary.Resident;
        var managed = summary.Managed;
        Line($"cycles            {summary.CompletedCycles} of {summary.Cycles} in {summary.ElapsedMinutes:F1} min; warm-up {summary.WarmUp.Cycles} cycles ({summary.WarmUp.Rule})");
        Line($"resident          median {resident.SteadyMedianMb:F1} MB, steady peak {resident.SteadyPeakMb:F1} MB (within cycles {resident.SteadyProcessPeakMb:F1} MB), process peak {resident.PeakProcessMb:F1} MB (first sample {resident.FirstSampleMb:F1}, last {resident.LastSampleMb:F1}); slope {resident.SlopeKbPerCycle:F3} KB/cycle");
        Line($"managed           median {managed.SteadyMedianMb:F1} MB (committed {managed.CommittedMedianMb:F1} MB); after full collection {managed.PostCollectionFirstMb:F2} -> {managed.PostCollectionLastMb:F2} MB, slope {managed.PostCollectionSlopeKbPerCycle:F3} KB/cycle over {managed.PostCollectionSamples} samples");
        Line($"cycle time        p50 {summary.CycleTime.P50Ms:F1} ms, p95 {summary.CycleTime.P95Ms:F1} ms, max {summary.CycleTime.MaxMs:F1} ms (first cycle {summary.CycleTime.FirstCycleMs:F0} ms); delivery after it p50 {summary.CycleTime.DeliveryP50Ms:F1} ms, p95 {summary.CycleTime.DeliveryP95Ms:F1} ms, {summary.CycleTime.UnsettledCycles} cycles not delivered within 30 s");
        Line($"allocations       {summary.Allocations.PerCycleKb:F0} KB/cycle; collections after warm-up: gen0 {summary.Allocations.Gen0Collections}, gen1 {summary.Allocations.Gen1Collections}, gen2 {summary.Allocations.Gen2Collections}");
        foreach (var type in summary.Allocations.TopTypes?.Take(12) ?? [])
        {
            Line($"                  {type.KbPerCycle,8:F1} KB/cycle  {type.Type}");
        }

        var notifications = summary.Notifications;
        Line($"notifications     expected {notifications.Expected}, embeds received {notifications.Embeds} in {notifications.Messages} messages; lost {notifications.Lost}, unexpected {notifications.Unexpected}, still queued {notifications.PendingInOutbox}");
        foreach (var example in notifications.UnexpectedExamples)
        {
            Line($"                  unexpected embed for {example}");
        }

        var workload = summary.Workload;
        Line($"workload          {workload.ListingsAdded} listings added, {workload.Repriced} re-priced, {workload.Removed} removed; {workload.InjectedSiteFailures} injected site failures ({workload.MissedInjectedFailures} not reported as failed), {workload.UnexpectedSiteFailures} other failed scans; {workload.HealthScrapes} health/metrics reads, {workload.HealthScrapeFailures} failed; {workload.DealerRequestsPerCycle:F1} dealer requests per cycle");
        Line($"state files       {SoakRun.FileSizes(summary.StateFiles)}; {summary.WrittenKbPerCycle:F1} KB written per cycle after warm-up");
        foreach (var checkpoint in summary.Checkpoints)
        {
            Line($"checkpoint {checkpoint.Name,-6} cycle {checkpoint.Cycle,5}: resident {checkpoint.ResidentMb:F1} MB, peak so far {checkpoint.PeakSoFarMb:F1} MB, design limit {checkpoint.LimitMb:F0} MB: {(checkpoint.WithinLimit ? "ok" : "OVER")}");
        }

        Line($"monitor log       {summary.MonitorLogs.Warnings} warnings, {summary.MonitorLogs.Errors} errors");
        foreach (var error in summary.MonitorLogs.FirstErrors)
        {
            Line($"                  {error}");
        }

        if (summary.FirstCycleException is not null)
        {
            Line($"cycle exception   {summary.FirstCycleException}");
        }

        if (summary.RestartRequested)
        {
            Line($"restart           the monitor asked for a graceful restart (memory above the critical threshold after cleanup)");
        }

        Line($"output            {outDirectory} (soak.csv, summary.json, soak.svg, monitor.log, state/)");
        foreach (var verdict in summary.Verdicts.Where(verdict => !verdict.Passed))
        {
            Line($"FAILED: {verdict.Name} is {verdict.Actual} (limit {verdict.Limit}{(verdict.Option is null ? "" : ", " + verdict.Option)})");
        }

        output.WriteLine(summary.ResultLine());
    }
}
