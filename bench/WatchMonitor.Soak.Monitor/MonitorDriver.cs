using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WatchMonitor.Diagnostics;
using WatchMonitor.Hosting;
using WatchMonitor.Monitoring;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.State;

namespace WatchMonitor.Soak.Monitor;

/// <summary>
/// The monitor process: the host <c>watchmon run</c> builds (configuration, logging, every service, the health
/// endpoint), with this loop in place of its <see cref="MonitorLoop"/>: one <see cref="CycleRunner.RunOnceAsync"/>
/// per command read from stdin, back to back, each answered with one JSON line on stdout. The monitor's own log goes
/// to a file, so stdout carries nothing else.
/// </summary>
internal static class MonitorDriver
{
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(30);

    private sealed record Delivery(SqliteOutbox Outbox, DestinationBoard Destinations, ServiceClock Clock);

    public static async Task<int> RunAsync(string launchPath, CancellationToken cancellationToken)
    {
        var launch = JsonSerializer.Deserialize(await File.ReadAllTextAsync(launchPath, cancellationToken).ConfigureAwait(false), MonitorProtocolJsonContext.Default.MonitorLaunch)
            ?? throw new InvalidOperationException($"{launchPath} is empty.");
        var protocol = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        var log = new StreamWriter(launch.LogPath, append: false, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        await using (protocol.ConfigureAwait(false))
        await using (log.ConfigureAwait(false))
        {
            // Before the host exists: the console logger binds to Console.Out when it is created.
            Console.SetOut(log);
            using var sampler = launch.AllocationProfileFrom is null ? null : new AllocationSampler();
            var counter = new LogLevelCounter();
            var builder = WatchmonHost.CreateBuilder(new RunSettings(), launch.Overrides);
            var clock = new ServiceClock(TimeSpan.FromSeconds(double.Parse(launch.Overrides["CHECK_INTERVAL_SECONDS"] ?? "300", CultureInfo.InvariantCulture)));
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddHealthEndpoints(builder.Configuration);
            builder.Logging.AddProvider(counter);
            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);

            var runner = host.Services.GetRequiredService<CycleRunner>();
            var outbox = host.Services.GetRequiredService<SqliteOutbox>();
            var destinations = host.Services.GetRequiredService<DestinationBoard>();
            var reader = host.Services.GetRequiredService<IProcessMemoryReader>();
            var addresses = host.Services.GetRequiredService<HealthEndpoints>().Addresses;
            var healthUrl = addresses.Count == 0 ? null : addresses[0].ToString();
            await WriteAsync(protocol, new MonitorReady(healthUrl, DescribeRuntime(), MemoryProbe.Take(reader)), MonitorProtocolJsonContext.Default.MonitorReady).ConfigureAwait(false);

            while (await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line && line != CycleCommand.Quit)
            {
                var command = CycleCommand.Parse(line);
                if (command.Cycle == launch.AllocationProfileFrom)
                {
                    sampler?.Reset();
                }

                clock.StartCycle(command.Cycle);
                var result = await RunCycleAsync(command, runner, new Delivery(outbox, destinations, clock), reader, counter, cancellationToken).ConfigureAwait(false);
                await WriteAsync(protocol, result, MonitorProtocolJsonContext.Default.CycleResult).ConfigureAwait(false);
            }

            await runner.FlushAsync(cancellationToken).ConfigureAwait(false);
            await host.StopAsync(cancellationToken).ConfigureAwait(false);
            var stopped = new MonitorStopped(MemoryProbe.Take(reader), counter.Warnings, counter.Errors, counter.FirstErrors, sampler?.Top(40));
            await WriteAsync(protocol, stopped, MonitorProtocolJsonContext.Default.MonitorStopped).ConfigureAwait(false);
            return 0;
        }
    }

    private static async Task<CycleResult> RunCycleAsync(
        CycleCommand command, CycleRunner runner, Delivery delivery, IProcessMemoryReader reader, LogLevelCounter counter, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        CycleReport? report = null;
        string? exception = null;
        try
        {
            report = await runner.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception caught) when (!cancellationToken.IsCancellationRequested)
        {
            // MonitorLoop logs such a cycle and carries on; the soak does the same and reports it.
            exception = caught.GetType().Name + ": " + caught.Message;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        // In service the loops have the whole interval to deliver; here the next cycle would start at once.
        var settled = await delivery.Destinations.WaitUntilSettledAsync(DeliveryWait, delivery.Clock, cancellationToken).ConfigureAwait(false);
        var deliveryMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds - elapsed;
        var memory = command.Sample ? MemoryProbe.Take(reader) : (MemoryReading?)null;
        var afterCollection = command.Forced ? MemoryProbe.TakeAfterFullCollection(reader) : (MemoryReading?)null;
        return new CycleResult(
            command.Cycle,
            elapsed,
            deliveryMs,
            settled,
            report is null ? [] : [.. report.Sites.Where(site => site.Failed).Select(site => site.SiteKey)],
            report?.NewListings ?? 0,
            delivery.Outbox.Count(),
            runner.LastMemoryOutcome?.RestartRequested == true,
            exception,
            counter.Warnings,
            counter.Errors,
            memory,
            afterCollection);
    }

    private static RuntimeSetup DescribeRuntime() => new(
        // NativeAOT compiles everything ahead of time and cannot generate code at run time.
        RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT",
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        // Background (concurrent) collection shows as the Interactive latency mode, non-concurrent as Batch.
        GCSettings.LatencyMode != GCLatencyMode.Batch,
        GCSettings.LatencyMode.ToString(),
        AppContext.GetData("GCConserveMemory")?.ToString() ?? AppContext.GetData("System.GC.ConserveMemory")?.ToString());

    private static Task WriteAsync<T>(StreamWriter protocol, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        protocol.WriteLineAsync(JsonSerializer.Serialize(value, typeInfo));
}
