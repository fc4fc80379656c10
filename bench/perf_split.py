#!/usr/bin/env python3
"""Where the CPU of a profiled run went (bench/sidebyside.sh with BENCH_PROFILE=1).

Reads `perf script` output of a system-wide `perf record -g` (services started with DOTNET_PerfMapEnabled=1 so
that JIT-compiled frames have names) and prints, per process, its share of all samples and its CPU per request,
then for the registration API and the gateway the share of their samples whose stack passes through each part of
the read path (a sample can pass through several: a Redis call made by the cache, say).

Usage: perf script -i perf.data -F pid,tid,ip,sym,dso | bench/perf_split.py <requests/s> <seconds> <sample Hz>
"""
import collections
import re
import sys

PROCESSES = ["Registration.Api", "Gateway.dll", "Admin.Api", "Audit.Worker", "Aspire.Dashboard", "AppHost.dll",
             "beam.smp", "redis-server", "postgres", "/dcp", "wrk"]
PARTS = [
    ("rate limit (Redis script)", r"RateLimit"),
    ("cache read (Redis script, JSON)", r"Caching\.ClientCache"),
    ("StackExchange.Redis, all", r"StackExchange\.Redis"),
    ("token check", r"RegistrationTokenHandler"),
    ("audit event (build, queue, publish)", r"Clients\.Core\.Audit"),
    ("answer JSON", r"ClientInformation|Utf8JsonWriter"),
    ("System.Text.Json, all", r"System\.Text\.Json"),
    ("telemetry (OpenTelemetry, Activity)", r"OpenTelemetry|System\.Diagnostics\.(Activity|Metrics)"),
    ("logging", r"Microsoft\.Extensions\.Logging"),
    ("YARP forwarding", r"Yarp\."),
    ("HttpClient (gateway to replica)", r"System\.Net\.Http\."),
    ("Kestrel (HTTP server)", r"Kestrel"),
    ("sockets", r"System\.Net\.Sockets"),
    # Where the sample's innermost frame is: the kernel's own time (network stack, syscalls, scheduling).
    ("in the kernel itself", None),
]


def process_name(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            command = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "(exited)"
    return next((p for p in PROCESSES if p in command), command[:30] or "(kernel)")


def main():
    rate, seconds, hertz = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
    samples, current = [], []
    for line in sys.stdin:
        if line.strip():
            current.append(line)
        elif current:
            samples.append(current)
            current = []
    if current:
        samples.append(current)
    names = {}
    by_process = collections.Counter()
    stacks = collections.defaultdict(list)
    for sample in samples:
        pid = sample[0].split()[0].split("/")[0]
        name = names.setdefault(pid, process_name(pid))
        by_process[name] += 1
        stacks[name].append("".join(sample))
    total = len(samples)
    print(f"{'process':22s} {'share':>6s} {'µs/request':>11s}")
    for name, count in by_process.most_common(12):
        print(f"{name:22s} {100 * count / total:5.1f}% {count / hertz / seconds / rate * 1e6:10.0f}")
    for name in ("Registration.Api", "Gateway.dll"):
        own = stacks.get(name, [])
        if not own:
            continue
        per_request = len(own) / hertz / seconds / rate * 1e6
        print(f"\n{name}: {per_request:.0f} µs per request; samples whose stack passes through:")
        for part, pattern in PARTS:
            hits = sum(1 for stack in own if (re.search(pattern, stack) if pattern else "kernel.kallsyms" in stack.split("\n")[1]))
            if hits:
                print(f"  {part:38s} {100 * hits / len(own):5.1f}%  ~{per_request * hits / len(own):4.0f} µs")


if __name__ == "__main__":
    main()
