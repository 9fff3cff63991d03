// Latency statistics, memory figures and table formatting for the search benchmark.
import { cpus, loadavg, totalmem } from 'node:os';

export interface LatencySummary {
  /** Queries actually timed (baselines may stop early at their time budget). */
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Sequential queries per second: count / total time. */
  qps: number;
  /** Share of queries that returned nothing (a sanity check that the queries hit the corpus). */
  zeroHitShare: number;
  meanHits: number;
  /** Mean CPU time (user + system) per query: unlike wall-clock latency, barely moved by other processes. */
  cpuMsPerQuery: number;
}

/** Nearest-rank percentile of an ascending array, in the array's unit. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(latenciesMs: readonly number[], hits: readonly number[], cpuMs: number): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, x) => sum + x, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    qps: total > 0 ? (sorted.length / total) * 1000 : NaN,
    zeroHitShare: hits.length ? hits.filter((h) => h === 0).length / hits.length : NaN,
    meanHits: hits.length ? hits.reduce((s, h) => s + h, 0) / hits.length : NaN,
    cpuMsPerQuery: sorted.length ? cpuMs / sorted.length : NaN,
  };
}

/**
 * Runs `run` on each query in order and times it, until all are done or `budgetMs` has passed (the
 * first `minCount` always run). Returns latencies and hit counts of the queries that ran.
 */
export async function timeQueries<Q>(
  queries: readonly Q[],
  run: (query: Q) => number | Promise<number>,
  budgetMs = Infinity,
  minCount = 0,
): Promise<{ latencies: number[]; hits: number[]; cpuMs: number }> {
  const latencies: number[] = [];
  const hits: number[] = [];
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for (const query of queries) {
    if (latencies.length >= minCount && performance.now() - started > budgetMs) break;
    const t0 = performance.now();
    const n = await run(query);
    latencies.push(performance.now() - t0);
    hits.push(n);
  }
  return { latencies, hits, cpuMs: cpuMillis(cpuStart) };
}

/** CPU time (user + system) of this process since `start`, in ms. */
export function cpuMillis(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export interface MemoryFigures {
  rssMB: number;
  heapUsedMB: number;
  /** Peak resident set of the process so far (resourceUsage().maxRSS). */
  peakRssMB: number;
}

const MB = 1024 * 1024;

/** Memory now; collects garbage first when node runs with --expose-gc, so heap reflects live data. */
export function memoryNow(): MemoryFigures {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return {
    rssMB: usage.rss / MB,
    heapUsedMB: usage.heapUsed / MB,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

export function machineInfo(): { cpu: string; cores: number; memoryGB: number; node: string; platform: string; loadAverage: number } {
  const list = cpus();
  return {
    // Other processes on the machine inflate wall-clock latencies; the 1-minute load average says how much.
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 1) return value.toFixed(3);
  if (value < 100) return value.toFixed(2);
  return value.toFixed(0);
}

export function ratio(ours: number, theirs: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return '–';
  return `${(ours / theirs).toFixed(2)}×`;
}

export function mb(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(0)} MB` : '–';
}

/** A plain-text table; numbers right-aligned, the first column left-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
