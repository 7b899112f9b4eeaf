using Catalog.Benchmarks;
using Catalog.Benchmarks.Ceiling;
using Catalog.Benchmarks.Loading;
using Catalog.Benchmarks.Micro;
using Catalog.Benchmarks.OpenLoop;
using Catalog.Benchmarks.Propagation;

// dotnet run --project tests/Benchmarks -c Release -- <command> [options]
//   load      --size 10k|100k|1m --connection "<superuser or owner connection string>"
//   ceiling   --connection "..." --urls http://127.0.0.1:5095 --scenarios bench/scenarios.json
//   open-loop --rate 500 --duration 20 --targets-file targets.jsonl --base http://127.0.0.1:5094 [--connections 32] [--header "K: V"]
//             (targets.jsonl: one {"M": method, "U": path, "B": body or null} per line; {n} in U/B: a per-request counter)
//   micro     [BenchmarkDotNet arguments, e.g. --filter *Jwt*]
//   propagation --connection "<primary>" [--redis host:port] [--rounds 1000]  (write-position sharing, ADR-107)
return args.FirstOrDefault() switch
{
    "load" => await LoadCommand.RunAsync(ToolArguments.Parse(args[1..])),
    "ceiling" => await CeilingServer.RunAsync(ToolArguments.Parse(args[1..])),
    "open-loop" => await OpenLoopDriver.RunAsync(ToolArguments.Parse(args[1..])),
    "micro" => MicroBenchmarks.Run(args[1..]),
    "propagation" => await PropagationCommand.RunAsync(ToolArguments.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Catalog.Benchmarks load|ceiling|open-loop|micro|propagation [options] (see Program.cs and docs/performance.md)");
    return 2;
}
