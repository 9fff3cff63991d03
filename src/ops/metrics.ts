// Prometheus metrics of a running bot, served at GET /metrics. One registry per bot (not prom-client's
// global one), so tests and several bots in one process never share counts. Label values come from our
// own fixed sets (platform, command name, outcome, route), never from user input, so the number of
// series stays small whatever people type.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CommandOutcome } from '../chat/dispatch.ts';

export interface CommandObservation {
  platform: string;
  command: string;
  outcome: CommandOutcome;
  latencyMs: number;
}

/** Digest outcomes as the digest scheduler reports them; 'failed' is the one to alert on. */
export type DigestOutcome = 'sent' | 'empty' | 'skipped' | 'failed';

export interface IndexSize {
  sentences: number;
  articles: number;
}

export interface BotMetrics {
  readonly registry: Registry;
  /** The dispatch hook's report of one command (see src/chat/dispatch.ts CommandHooks). */
  observeCommand(observation: CommandObservation): void;
  /** One HTTP request by route ('/slack/events', 'other', …) and status code. */
  observeHttp(route: string, status: number): void;
  /** One digest delivery attempt (wired by the digest scheduler). */
  observeDigestDelivery(platform: string, outcome: DigestOutcome): void;
  /** Where the index size is read at each scrape (the live corpus changes it while running). */
  trackIndex(size: () => Promise<IndexSize> | IndexSize): void;
  /** The Prometheus text exposition. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Seconds; from "instant" to "the platform has given up" (Slack and Discord wait 3 s for an ack). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(options: { processMetrics?: boolean; prefix?: string } = {}): BotMetrics {
  const prefix = options.prefix ?? 'factbot_';
  const registry = new Registry();
  // RSS, heap, event-loop lag, open handles: what tells an operator the process itself is unwell.
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix });

  const commands = new Counter({
    name: `${prefix}commands_total`,
    help: 'Commands and button presses handled, by platform, command and outcome (ok, failed, refused, undelivered)',
    labelNames: ['platform', 'command', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: `${prefix}command_duration_seconds`,
    help: 'Time from receiving a command to its answer being delivered (or given up)',
    labelNames: ['platform', 'command'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const http = new Counter({
    name: `${prefix}http_requests_total`,
    help: 'HTTP requests by route and status code (413: body over the cap, 401: bad signature)',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const digests = new Counter({
    name: `${prefix}digest_deliveries_total`,
    help: 'Digest delivery attempts by platform and outcome (sent, empty, skipped, failed)',
    labelNames: ['platform', 'outcome'] as const,
    registers: [registry],
  });
  // Present from the first scrape, so an alert on failures has a series to compare against.
  for (const platform of ['discord', 'slack']) for (const outcome of ['sent', 'failed']) digests.inc({ platform, outcome }, 0);

  let readIndex: (() => Promise<IndexSize> | IndexSize) | null = null;
  // Both gauges read one value per scrape: stats() walks every article, so it is not done twice.
  let lastRead: { at: number; size: Promise<IndexSize> } | null = null;
  const indexSize = (): Promise<IndexSize> | null => {
    if (!readIndex) return null;
    const now = Date.now();
    if (!lastRead || now - lastRead.at > 1000) lastRead = { at: now, size: Promise.resolve(readIndex()) };
    return lastRead.size;
  };
  const indexGauge = (name: string, help: string, pick: (size: IndexSize) => number) =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      registers: [registry],
      async collect() {
        const size = indexSize();
        if (size) this.set(pick(await size));
      },
    });
  indexGauge('index_sentences', 'Sentences in the search index', (size) => size.sentences);
  indexGauge('index_articles', 'Articles in the search index', (size) => size.articles);

  return {
    registry,
    observeCommand({ platform, command, outcome, latencyMs }) {
      commands.inc({ platform, command, outcome });
      latency.observe({ platform, command }, latencyMs / 1000);
    },
    observeHttp(route, status) {
      http.inc({ route, status: String(status) });
    },
    observeDigestDelivery(platform, outcome) {
      digests.inc({ platform, outcome });
    },
    trackIndex(size) {
      readIndex = size;
      lastRead = null;
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
