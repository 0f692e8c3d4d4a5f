using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;

namespace QlikOAuth.Benchmarks;

/// <summary>
/// BenchmarkDotNet's defaults (loggers, exporters, columns) with a short job: one launch, 20 warmup and 15 measured
/// iterations, so the whole suite runs in a few minutes on 2 cores; medians, ratios to each class's baseline (one
/// summary table per class, so a ratio never crosses classes), and allocations.
/// </summary>
/// <remarks>
/// Why 20 warmup iterations (about 10 s at the default 0.5 s per iteration): a process that sends requests to the
/// in-process emulator gets about 3 times faster over its first ~10 s of traffic while tiered JIT recompiles
/// Kestrel, HttpClient, the emulator and the engine. With 2 warmup iterations the measured iterations were still
/// on that slope, and the results said more about which benchmark ran longest than about the engine.
/// Allocations are process-wide: the emulator runs in the benchmark process, so they include its server-side work
/// (Kestrel, JSON, signature checks) as well as the engine's.
/// </remarks>
internal static class BenchConfig
{
    public static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(20).WithIterationCount(15).WithId("Short"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(StatisticColumn.Median)
        .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared));
}
