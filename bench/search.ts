// npm run bench:search -- [--size 100k|300k|1m] [--queries N] [--seed N] [--baseline-budget SEC] [--json]
//
// Speed and memory of the search layer at scale, through the real path: dataset articles are written
// as corpus files, then openIndex builds the index and its snapshot. Each measured step runs in its own
// child process so that RSS and heap belong to that step alone:
//   build     openIndex on a corpus without snapshot (build time, snapshot size)
//   query     openIndex from the snapshot in a fresh process (start-up, memory), then every query
//   baseline  bare MiniSearch / FlexSearch over the same sentences, the same queries
// Progress goes to stderr; stdout gets the report (or JSON with --json).
import { spawn } from 'node:child_process';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../src/corpus/types.ts';
import { BASELINES, buildBaseline, type BaselineName } from './lib/baselines.ts';
import { ensureCorpus, loadBaseArticles, planCorpus, REPO_ROOT, SIZES, type SizeName } from './lib/datasets.ts';
import { generateQueries, QUERY_CLASSES, type BenchQuery, type QueryClass } from './lib/queries.ts';
import { checkTargets, formatReport, type BenchReport, type BuildFigures, type EngineFigures } from './lib/report.ts';
import { cpuMillis, machineInfo, memoryNow, summarize, timeQueries, type LatencySummary } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '100k' },
    queries: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20240601' },
    'baseline-budget': { type: 'string', default: '30' },
    'heap-mb': { type: 'string' },
    json: { type: 'boolean', default: false },
    // Internal: set by the parent for its child processes.
    phase: { type: 'string' },
    engine: { type: 'string' },
    'queries-file': { type: 'string' },
    'corpus-dir': { type: 'string' },
    'cache-dir': { type: 'string' },
    out: { type: 'string' },
  },
});

const log = (line: string) => process.stderr.write(`[bench ${args.phase ?? 'main'}] ${line}\n`);
const size = args.size!.toLowerCase() as SizeName;
if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}, not '${args.size}'`);
const perClass = Number(args.queries);
const seed = Number(args.seed);
if (!Number.isInteger(perClass) || perClass < 1) throw new Error(`--queries must be a positive whole number, not '${args.queries}'`);
if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not '${args.seed}'`);
const budgetSec = Number(args['baseline-budget']);
/** `--baseline-budget 0` runs every query against the baselines too (hours at 1M for bare MiniSearch claims). */
const budgetMs = budgetSec > 0 ? budgetSec * 1000 : Infinity;
/** Warm-up queries per class before timing (JIT, caches); drawn with another seed, never timed. */
const WARMUP_PER_CLASS = 25;
/**
 * A baseline class stops at its time budget but only after this many queries. Bare MiniSearch takes
 * seconds per claim at 1M (OR over every word, no stop words), so a larger floor would dominate the run.
 */
const MIN_TIMED_PER_CLASS = 50;

interface QueryFile {
  timed: BenchQuery[];
  warmup: BenchQuery[];
}

async function readQueries(): Promise<QueryFile> {
  return JSON.parse(await readFile(args['queries-file']!, 'utf8')) as QueryFile;
}

async function writeOut(value: unknown): Promise<void> {
  await writeFile(args.out!, JSON.stringify(value));
}

/** Times every class in order; returns one summary per class. */
async function runClasses(
  queries: QueryFile,
  run: (q: BenchQuery) => number | Promise<number>,
  budgetMs: number,
): Promise<Record<QueryClass, LatencySummary>> {
  for (const q of queries.warmup) await run(q);
  const classes = {} as Record<QueryClass, LatencySummary>;
  for (const cls of QUERY_CLASSES) {
    const ofClass = queries.timed.filter((q) => q.cls === cls);
    const { latencies, hits, cpuMs } = await timeQueries(ofClass, run, budgetMs, MIN_TIMED_PER_CLASS);
    classes[cls] = summarize(latencies, hits, cpuMs);
    log(`${cls}: ${latencies.length} queries, p50 ${classes[cls].p50.toFixed(2)} ms, p99 ${classes[cls].p99.toFixed(2)} ms`);
  }
  return classes;
}

async function phaseBuild(corpusDir: string, cacheDir: string): Promise<void> {
  const { openIndex } = await import('../src/search/open-index.ts');
  await rm(cacheDir, { recursive: true, force: true });
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const opened = await openIndex({ corpusDir, cacheDir, log });
  const buildMs = performance.now() - started;
  const buildCpuMs = cpuMillis(cpuStart);
  if (opened.rebuild !== 'full') throw new Error(`expected a full build without a snapshot, got '${opened.rebuild}'`);
  const figures: BuildFigures = {
    buildMs,
    buildCpuMs,
    fromSnapshot: opened.fromSnapshot,
    snapshotBytes: (await stat(opened.snapshotPath)).size,
    corpusProblems: opened.problems.length,
    peakRssMB: memoryNow().peakRssMB,
  };
  for (const problem of opened.problems.slice(0, 5)) log(`corpus problem: ${formatProblem(problem)}`);
  await writeOut(figures);
}

async function phaseQuery(corpusDir: string, cacheDir: string): Promise<void> {
  const { openIndex } = await import('../src/search/open-index.ts');
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const opened = await openIndex({ corpusDir, cacheDir, log });
  const loadMs = performance.now() - started;
  const loadCpuMs = cpuMillis(cpuStart);
  const startupMs = process.uptime() * 1000;
  const afterLoad = memoryNow();
  const { index } = opened;
  const stats = await index.stats();
  const queries = await readQueries();
  // Claim-length queries go through the candidate API built for the check issue, as `check` will use them.
  const claimApi = 'candidates';
  const run = async (q: BenchQuery): Promise<number> =>
    q.cls === 'claim' ? index.candidates(q.text).length : (await index.quote(q.text)).total;
  if (opened.rebuild !== 'none') log(`warning: the snapshot was not used as is (rebuild: ${opened.rebuild})`);
  // The very first query pays for anything loaded lazily; a user after a restart sees this latency.
  const firstStarted = performance.now();
  await run(queries.timed[0]!);
  const firstQueryMs = performance.now() - firstStarted;
  const classes = await runClasses(queries, run, Infinity);
  const figures: EngineFigures = {
    engine: 'ours',
    loadMs,
    loadCpuMs,
    startupMs,
    firstQueryMs,
    fromSnapshot: opened.fromSnapshot,
    sentencesIndexed: stats.sentences,
    claimApi,
    afterLoad,
    peakRssMB: memoryNow().peakRssMB,
    classes,
  };
  await writeOut(figures);
}

async function phaseBaseline(engineName: BaselineName): Promise<void> {
  const plan = planCorpus(await loadBaseArticles(), SIZES[size]).articles;
  const queries = await readQueries();
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const { engine, sentences } = buildBaseline(engineName, plan);
  const loadMs = performance.now() - started;
  const loadCpuMs = cpuMillis(cpuStart);
  plan.length = 0; // the dataset text is not part of the engine's footprint
  const afterLoad = memoryNow();
  log(`${engineName}: built over ${sentences} sentences in ${(loadMs / 1000).toFixed(1)} s`);
  const classes = await runClasses(queries, (q) => engine.search(q), budgetMs);
  const figures: EngineFigures = {
    engine: engineName,
    loadMs,
    loadCpuMs,
    startupMs: null,
    firstQueryMs: null,
    fromSnapshot: null,
    sentencesIndexed: sentences,
    claimApi: null,
    afterLoad,
    peakRssMB: memoryNow().peakRssMB,
    classes,
  };
  await writeOut(figures);
}

/** Runs this script again as a child with its own heap limit; resolves to what it wrote to --out. */
async function child<T>(phase: string, extra: string[], outPath: string): Promise<T> {
  const heapMb = args['heap-mb'] ?? String({ '100k': 4096, '300k': 8192, '1m': 16384 }[size]);
  const argv = [`--max-old-space-size=${heapMb}`, '--expose-gc', 'bin/run-ts.js', 'bench/search.ts',
    '--phase', phase, '--size', size, '--seed', String(seed), '--baseline-budget', String(budgetSec), '--out', outPath, ...extra];
  const code = await new Promise<number | null>((resolve, reject) => {
    // The child's stdout goes to our stderr: our stdout carries only the report (or the JSON).
    const proc = spawn(process.execPath, argv, { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] });
    proc.on('error', reject);
    proc.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`benchmark phase '${phase}' failed (exit ${code})`);
  return JSON.parse(await readFile(outPath, 'utf8')) as T;
}

async function main(): Promise<void> {
  const machineAtStart = machineInfo();
  const corpus = await ensureCorpus(size, tmpdir(), log);
  log(`corpus: ${corpus.articles} articles, ${corpus.sentences} sentences (${corpus.written ? 'written' : 'reused'})`);
  // Queries come from the articles' first copies: every later copy repeats the same text.
  const base = planCorpus(await loadBaseArticles(), SIZES[size]).articles.filter((a) => a.repetition === 1).map((a) => a.base);
  const queriesFile = join(corpus.root, `queries-${seed}-${perClass}.json`);
  const queryFile: QueryFile = {
    timed: generateQueries(base, { perClass, seed }),
    warmup: generateQueries(base, { perClass: WARMUP_PER_CLASS, seed: seed + 1 }),
  };
  await writeFile(queriesFile, JSON.stringify(queryFile));
  const dirs = ['--corpus-dir', corpus.corpusDir, '--cache-dir', corpus.cacheDir];
  log('building our index (openIndex without a snapshot) …');
  const build = await child<BuildFigures>('build', dirs, join(corpus.root, 'build.json'));
  log('loading our index from its snapshot in a fresh process and running the queries …');
  const ours = await child<EngineFigures>('query', [...dirs, '--queries-file', queriesFile], join(corpus.root, 'ours.json'));
  const engines: EngineFigures[] = [ours];
  for (const name of BASELINES) {
    log(`baseline ${name} …`);
    engines.push(await child<EngineFigures>('baseline', ['--engine', name, '--queries-file', queriesFile], join(corpus.root, `${name}.json`)));
  }
  const report: BenchReport = {
    size,
    machine: { ...machineAtStart, loadAverageAtEnd: machineInfo().loadAverage },
    corpus: { dir: corpus.corpusDir, articles: corpus.articles, sentences: corpus.sentences, ingest: corpus.ingest, reused: !corpus.written, writeMs: corpus.writeMs },
    queries: { perClass, seed, baselineBudgetSec: budgetSec, baselineMinPerClass: MIN_TIMED_PER_CLASS },
    build,
    engines,
    targets: checkTargets(build, ours),
  };
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
}

const phases: Record<string, () => Promise<void>> = {
  build: () => phaseBuild(args['corpus-dir']!, args['cache-dir']!),
  query: () => phaseQuery(args['corpus-dir']!, args['cache-dir']!),
  baseline: () => phaseBaseline(args.engine as BaselineName),
};
if (args.phase && !phases[args.phase]) throw new Error(`unknown --phase '${args.phase}'`);
await (args.phase ? phases[args.phase]!() : main());
