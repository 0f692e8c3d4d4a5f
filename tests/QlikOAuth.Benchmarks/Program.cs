using BenchmarkDotNet.Running;

namespace QlikOAuth.Benchmarks;

public static class Program
{
    /// <summary>Pass BenchmarkDotNet's arguments through: <c>--filter '*'</c> runs all, <c>--filter '*Cache*'</c> one class.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchConfig.Create());
}
