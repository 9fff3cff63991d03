// npm run bench:load -- [--size 100k|300k|1m] [--rates 50,100,200,300] [--duration 30] [--burst 10]
//                        [--platforms both|slack|discord] [--heap-mb N] [--node-flags='--flag …'] [--profile]
//
// Runs the real `factbot serve` (Discord HTTP interactions + Slack HTTP events) on loopback over a
// benchmark corpus (bench/lib/datasets.ts, shared with bench:search) and drives POST /slack/events and
// POST /discord/interactions with signed /quote requests, half each, for `duration` seconds per rate.
//
// The paced stages are open-loop: request i is due at start + i/rate whether or not earlier ones have
// answered, and latencies are measured from that due time, so a slow server cannot hide its queue
// (coordinated omission). Two latencies per request: the HTTP acknowledgement (the platforms' 3-second
// deadline) and the answer, i.e. when the bot's reply reaches the fake platform API — what a user waits
// for. Then an optional closed-loop autocannon burst (as fast as 16 connections go) shows the bot
// surviving overload. RSS and CPU time of the bot process are sampled throughout; the bot runs with
// --trace-gc, and the live heap after each full collection is what "RSS flat" is judged on (raw RSS is
// a sawtooth of garbage between collections).
//
// Default: the 1M-sentence corpus, as the issue asks (its index snapshot comes from bench:search or is
// built on the first run); --size 100k runs in a fraction of the time.
import { spawn } from 'node:child_process';
import { mkdtemp, open, symlink } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus, loadBaseArticles, planCorpus, REPO_ROOT, SIZES, type SizeName } from './lib/datasets.ts';
import { cpuSeconds, freePort, fullCollections, post, rssMB, closeAgent } from './lib/load-probes.ts';
import { APPLICATION_ID, createSigner, startFakePlatforms, type SignedRequest } from './lib/load-traffic.ts';
import { generateQueries } from './lib/queries.ts';
import { machineInfo, mb, ms, percentile, table } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '1m' },
    rates: { type: 'string', default: '50,100,200,300' },
    duration: { type: 'string', default: '30' },
    burst: { type: 'string', default: '10' },
    /** Which endpoints get traffic: both (alternating), slack or discord. */
    platforms: { type: 'string', default: 'both' },
    'heap-mb': { type: 'string' },
    /** Extra V8/Node flags for the bot, e.g. "--max-semi-space-size=64" (as NODE_OPTIONS would give them in production). */
    'node-flags': { type: 'string', default: '' },
    /** Writes a V8 CPU profile of the bot to <work dir>/profile (open it in Chrome DevTools). */
    profile: { type: 'boolean', default: false },
  },
});
const size = args.size!.toLowerCase() as SizeName;
if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
const rates = args.rates!.split(',').map(Number);
const durationSec = Number(args.duration);
const burstSec = Number(args.burst);
const platforms = args.platforms!;
if (!['both', 'slack', 'discord'].includes(platforms)) throw new Error('--platforms must be both, slack or discord');
const TARGET = { rate: 200, p99Ms: 100 };
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (msDelay: number) => new Promise((resolve) => setTimeout(resolve, msDelay));

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type SetupRequest = (req: Record<string, unknown>) => Record<string, unknown>;
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

interface StageFigures {
  label: string;
  sent: number;
  seconds: number;
  ack: number[];
  answer: number[];
  /** Answer latencies and missing answers per platform, to tell the two paths apart. */
  byPlatform: Record<'slack' | 'discord', { answer: number[]; missing: number }>;
  httpErrors: number;
  /** What the HTTP errors were: status codes or socket error codes, with counts. */
  errorKinds: Map<string, number>;
  missing: number;
  refused: number;
  failed: number;
  rss: number[];
  cpuSeconds: number;
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const corpus = await ensureCorpus(size, tmpdir(), log);
  const base = planCorpus(await loadBaseArticles(), SIZES[size]).articles.filter((a) => a.repetition === 1).map((a) => a.base);
  // The quote query classes of bench:search (the claim class is /check's).
  const queries = generateQueries(base, { perClass: 500, seed: 7 }).filter((q) => q.cls !== 'claim').map((q) => q.text);
  log(`corpus: ${corpus.sentences} sentences in ${corpus.articles} articles; ${queries.length} queries`);

  // serve keeps its index snapshot in ./.factbot: point that at the benchmark's cache so a snapshot
  // written by bench:search (or an earlier run) is reused instead of rebuilding the index.
  const work = await mkdtemp(join(tmpdir(), 'factbot-load-'));
  await symlink(corpus.cacheDir, join(work, '.factbot'));
  const fakes = await startFakePlatforms();
  const signer = createSigner();
  const port = await freePort();
  const botBase = `http://127.0.0.1:${port}`;
  const logFile = await open(join(work, 'serve.log'), 'w');
  // A heap cap sized to the index, as in production: a far larger one only postpones collections.
  const heapMb = args['heap-mb'] ?? String({ '100k': 1024, '300k': 2048, '1m': 4096 }[size]);
  const startedAt = performance.now();
  const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(work, 'profile')}`] : [];
  // --trace-gc prints each collection to the log; the live heap after full collections tells growth
  // that is garbage (RSS saws up and down) from a leak (the floor rises).
  const nodeFlags = args['node-flags']!.split(/\s+/).filter(Boolean);
  const bot = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, '--trace-gc', ...nodeFlags, ...profile, join(REPO_ROOT, 'bin/factbot.js'), 'serve', '--corpus', corpus.corpusDir], {
    cwd: work,
    stdio: ['ignore', logFile.fd, logFile.fd],
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      FACTBOT_DATA_DIR: join(work, 'data'),
      DISCORD_PUBLIC_KEY: signer.discordPublicKeyHex,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: fakes.discordApiUrl,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: signer.slackSecret,
      SLACK_API_URL: fakes.slackApiUrl,
    },
  });
  const exited = new Promise<number | null>((resolve) => bot.on('exit', (code) => resolve(code)));
  for (;;) {
    if (bot.exitCode !== null) throw new Error(`serve exited with ${bot.exitCode} before it was ready; see ${join(work, 'serve.log')}`);
    const ready = await fetch(`${botBase}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    await sleep(200);
  }
  const readySeconds = (performance.now() - startedAt) / 1000;
  log(`serve ready in ${readySeconds.toFixed(1)} s, RSS ${mb(rssMB(bot.pid!))}; log: ${join(work, 'serve.log')}`);

  const rssSeries: Array<{ t: number; rss: number }> = [];
  let currentRss: number[] | null = null;
  const sampler = setInterval(() => {
    const rss = rssMB(bot.pid!);
    rssSeries.push({ t: (performance.now() - startedAt) / 1000, rss });
    currentRss?.push(rss);
  }, 1000);

  let n = 0;
  const next = (): SignedRequest => {
    n += 1;
    const query = queries[n % queries.length]!;
    const slack = platforms === 'slack' || (platforms === 'both' && n % 2 === 0);
    return slack ? signer.slack(n, query, fakes.responseUrl('')) : signer.discord(n, query);
  };

  async function paced(label: string, rate: number, seconds: number): Promise<StageFigures> {
    const figures: StageFigures = { label, sent: 0, seconds, ack: [], answer: [], byPlatform: { slack: { answer: [], missing: 0 }, discord: { answer: [], missing: 0 } }, httpErrors: 0, errorKinds: new Map(), missing: 0, refused: 0, failed: 0, rss: [], cpuSeconds: 0 };
    const cpuAtStart = cpuSeconds(bot.pid!);
    currentRss = figures.rss;
    const due = new Map<string, number>();
    const pending: Promise<void>[] = [];
    const start = performance.now();
    const total = Math.round(rate * seconds);
    for (let i = 0; i < total; i++) {
      const at = start + (i * 1000) / rate;
      const wait = at - performance.now();
      if (wait >= 1) await sleep(wait);
      const signed = next();
      due.set(signed.id, at);
      pending.push(post(botBase, signed).then((status) => {
        figures.ack.push(performance.now() - at);
        if (status !== 200) {
          figures.httpErrors += 1;
          figures.errorKinds.set(String(status), (figures.errorKinds.get(String(status)) ?? 0) + 1);
        }
      }));
    }
    figures.sent = total;
    await Promise.all(pending);
    // Answers still on their way get 5 s; later than that counts as missing.
    const deadline = performance.now() + 5000;
    while ([...due.keys()].some((id) => !fakes.answers.has(id)) && performance.now() < deadline) await sleep(50);
    for (const [id, at] of due) {
      const answer = fakes.answers.get(id);
      const platform = figures.byPlatform[id.startsWith('s') ? 'slack' : 'discord'];
      if (!answer) {
        figures.missing += 1;
        platform.missing += 1;
      } else if (answer.outcome === 'refused') figures.refused += 1;
      else if (answer.outcome === 'failed') figures.failed += 1;
      else {
        figures.answer.push(answer.at - at);
        platform.answer.push(answer.at - at);
      }
    }
    currentRss = null;
    figures.cpuSeconds = cpuSeconds(bot.pid!) - cpuAtStart;
    return figures;
  }

  log('warm-up: 5 s at 20 requests/s');
  await paced('warm-up', 20, 5);
  const stages: StageFigures[] = [];
  for (const rate of rates) {
    log(`stage: ${rate} requests/s for ${durationSec} s`);
    stages.push(await paced(`${rate}/s`, rate, durationSec));
  }

  let burst: { result: AutocannonResult; answered: number; sent: number } | null = null;
  if (burstSec > 0) {
    log(`burst: autocannon, 16 connections, as fast as they go, for ${burstSec} s`);
    const ids: string[] = [];
    const setupRequest: SetupRequest = (req) => {
      const signed = next();
      ids.push(signed.id);
      return { ...req, method: 'POST', path: signed.path, headers: signed.headers, body: signed.body };
    };
    const result = await autocannon({ url: botBase, connections: 16, duration: burstSec, requests: [{ setupRequest }] });
    // The bot acknowledges faster than it answers: give the backlog time to drain, then count.
    const deadline = performance.now() + 60_000;
    while (ids.some((id) => !fakes.answers.has(id)) && performance.now() < deadline) await sleep(200);
    burst = { result, sent: ids.length, answered: ids.filter((id) => fakes.answers.get(id)?.outcome === 'answered').length };
    await sleep(5000);
  }
  clearInterval(sampler);
  const metrics = await fetch(`${botBase}/metrics`).then((r) => r.text());
  const stopping = performance.now();
  bot.kill('SIGTERM');
  const exitCode = await exited;
  const stopMs = performance.now() - stopping;
  await fakes.close();
  await logFile.close();
  const liveAfterGc = fullCollections(readFileSync(join(work, 'serve.log'), 'utf8'));
  closeAgent();

  const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
  const errorsOf = (s: StageFigures) => s.httpErrors + s.missing + s.refused + s.failed;
  const rows = stages.map((s) => {
    const ack = sorted(s.ack);
    const answer = sorted(s.answer);
    return [
      s.label, String(s.sent), (s.sent / s.seconds).toFixed(0),
      ms(percentile(ack, 50)), ms(percentile(ack, 99)), ms(percentile(answer, 50)), ms(percentile(answer, 99)), ms(answer[answer.length - 1] ?? NaN),
      `${errorsOf(s)} (${s.httpErrors}/${s.missing}/${s.refused}/${s.failed})`,
      ms((s.cpuSeconds * 1000) / s.sent),
      `${mb(s.rss[0] ?? NaN)} → ${mb(s.rss[s.rss.length - 1] ?? NaN)} (max ${mb(Math.max(...s.rss))})`,
    ];
  });
  const out: string[] = [
    `factbot load benchmark: ${corpus.sentences} sentences (${size}), /quote over HTTP to ${platforms === 'both' ? 'Slack and Discord (alternating)' : platforms}, ${durationSec} s per rate`,
    `bot: node --max-old-space-size=${heapMb} ${nodeFlags.join(' ')}`.trimEnd(),
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.node}; load average ${machine.loadAverage} at start`,
    '',
    table(['rate', 'sent', 'req/s', 'ack p50', 'ack p99', 'answer p50', 'answer p99', 'answer max', 'errors (http/missing/refused/failed)', 'bot CPU ms/req', 'RSS start → end'], rows),
    '(latencies in ms from each request\'s due time; "answer" is when the reply reached the platform API)',
    '',
    table(
      ['rate', 'Slack answer p50', 'p99', 'missing', 'Discord answer p50', 'p99', 'missing'],
      stages.map((s) => {
        const { slack, discord } = s.byPlatform;
        const [a, b] = [sorted(slack.answer), sorted(discord.answer)];
        return [s.label, ms(percentile(a, 50)), ms(percentile(a, 99)), String(slack.missing), ms(percentile(b, 50)), ms(percentile(b, 99)), String(discord.missing)];
      }),
    ),
    '',
    ...stages.filter((s) => s.errorKinds.size > 0).map((s) => `HTTP errors at ${s.label}: ${[...s.errorKinds].map(([kind, count]) => `${kind} ×${count}`).join(', ')}`),
    `RSS every 5 s (MB): ${rssSeries.filter((_, i) => i % 5 === 0).map((s) => s.rss.toFixed(0)).join(' ')}`,
    `live heap after each full GC (MB, at s since start): ${liveAfterGc.map((g) => `${g.mb.toFixed(0)}@${g.t.toFixed(0)}`).join(' ') || 'none'}`,
  ];
  if (burst) {
    const { result } = burst;
    out.push(
      '',
      `burst (autocannon, 16 connections, ${burstSec} s): ${result.requests.average.toFixed(0)} acks/s, ack p50 ${ms(result.latency.p50)} ms, p99 ${ms(result.latency.p99)} ms, ` +
        `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}; ${burst.answered} of ${burst.sent} answered within 60 s`,
    );
  }
  const outcomes = metrics.split('\n').filter((l) => l.startsWith('factbot_commands_total{')).map((l) => l.replace('factbot_commands_total', ''));
  out.push('', `bot's own count: ${outcomes.join(', ')}`, `SIGTERM → exit ${exitCode} in ${ms(stopMs)} ms`);

  const target = stages.find((s) => s.label === `${TARGET.rate}/s`);
  if (target) {
    const p99 = percentile(sorted(target.answer), 99);
    const paced = rssSeries.filter((s) => s.t * 1000 <= stopping - startedAt).map((s) => s.rss);
    // Flat: the live heap after full collections under load ends within 10% (+20 MB) of where it started.
    // Raw RSS is a sawtooth of garbage between collections, so it is shown but not judged.
    const underLoad = liveAfterGc.filter((g) => g.t > readySeconds);
    const firstLive = underLoad[0]?.mb ?? NaN;
    const lastLive = underLoad[underLoad.length - 1]?.mb ?? NaN;
    const flat = underLoad.length >= 2 && lastLive <= firstLive * 1.1 + 20;
    out.push(
      '',
      `target at ${TARGET.rate}/s: answer p99 ${ms(p99)} ms (< ${TARGET.p99Ms}: ${p99 < TARGET.p99Ms ? 'met' : 'NOT met'}), ` +
        `errors ${errorsOf(target)} (${errorsOf(target) === 0 ? 'met' : 'NOT met'}), ` +
        `memory ${flat ? 'flat' : underLoad.length < 2 ? 'not judged (fewer than 2 full GCs under load)' : 'NOT flat'} ` +
        `(live heap after full GC ${mb(firstLive)} → ${mb(lastLive)} over ${underLoad.length} collections; RSS max ${mb(Math.max(...paced))})`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
