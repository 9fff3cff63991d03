// A small digest world for tests: a real index over a temporary corpus (new articles arrive through
// upsertArticle, as live ingestion does), a real SQLite store in a temporary folder that can be closed and
// reopened (a restart), a clock the test moves, and a sender that records instead of posting.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/chat/logger.ts';
import type { Reply } from '../../src/chat/model.ts';
import type { Services } from '../../src/chat/services.ts';
import { createClaimChecker } from '../../src/check/checker.ts';
import type { Article } from '../../src/corpus/types.ts';
import { DEFAULT_DIGEST_CONFIG, type DigestConfig, type DigestServices } from '../../src/digest/config.ts';
import type { DigestSender } from '../../src/digest/deliver.ts';
import { createPermissionChecker, type PermissionChecker } from '../../src/digest/permissions.ts';
import { openDigestStore, type DigestPlatform, type SqliteDigestStore } from '../../src/digest/store.ts';
import { openIndex } from '../../src/search/open-index.ts';
import type { SentenceIndex } from '../../src/search/sentence-index.ts';
import { articleText, tempCorpus } from '../helpers/corpus.ts';

export const OLD_ARTICLE_BODY = [
  'The harbour authority in Portmere approved a new ferry terminal on Monday.',
  'The ferry terminal will replace the old pier, which has been closed since a storm damaged it.',
  'Construction of the terminal is expected to take two years and cost about 40 million euros.',
].join('\n\n');

/** A new article in corpus form; `paragraphs` become body blocks. */
export function newArticle(id: string, title: string, paragraphs: string[], fields: Partial<Article> = {}): Article {
  return {
    id,
    path: `articles/${id}.md`,
    title,
    publisher: 'Harbour Gazette',
    published: '2025-03-29',
    dateInferred: false,
    author: null,
    url: `https://example.test/${id}`,
    language: 'en',
    blocks: paragraphs.map((text) => ({ kind: 'body' as const, text })),
    ...fields,
  };
}

export const WIND_FARM = newArticle('2025-03-29-wind-farm', 'Portmere council backs offshore wind farm', [
  'Portmere council voted on Saturday to back an offshore wind farm twelve kilometres from the coast.',
  'The wind farm would supply electricity to about 90,000 homes, the council said.',
  'He declined to comment.',
  'Fishermen in Portmere have opposed the wind farm, saying the turbines would close their fishing grounds.',
]);

export interface SentSlot {
  platform: DigestPlatform;
  channelId: string;
  reply: Reply;
  at: number;
}

/** A sender that records what it would post, at the clock's time. */
export function recordingSender(clock: { now(): number }): DigestSender & { sent: SentSlot[] } {
  const sent: SentSlot[] = [];
  return {
    sent,
    supports: () => true,
    async send(platform, channelId, reply) {
      sent.push({ platform, channelId, reply, at: clock.now() });
      return { messageId: `m${sent.length}`, attempts: 1 };
    },
  };
}

export interface DigestWorld {
  dir: string;
  dataDir: string;
  index: SentenceIndex;
  clock: { now(): number; set(iso: string | number): void; advance(ms: number): void };
  services: Services;
  /** Opens the store again (a restart); the previous one must be closed first. */
  openStore(): SqliteDigestStore;
  digestServices(store: SqliteDigestStore, permissions?: PermissionChecker, config?: Partial<DigestConfig>): DigestServices;
}

export async function digestWorld(startIso: string): Promise<DigestWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'factbot-digest-'));
  const corpus = await tempCorpus({
    'articles/2025-03-01-ferry-terminal.md': articleText({ title: 'Portmere approves ferry terminal', publisher: 'Coast Courier', published: '2025-03-01' }, OLD_ARTICLE_BODY),
  });
  const { index } = await openIndex({ corpusDir: corpus, cacheDir: join(dir, 'cache') });
  let now = Date.parse(startIso);
  const clock = {
    now: () => now,
    set: (value: string | number) => void (now = typeof value === 'number' ? value : Date.parse(value)),
    advance: (ms: number) => void (now += ms),
  };
  const services: Services = { search: index, checker: createClaimChecker(index), log: createLogger({ fallbackLevel: 'silent' }), now: clock.now };
  const dataDir = join(dir, 'data');
  return {
    dir,
    dataDir,
    index,
    clock,
    services,
    openStore: () => openDigestStore(dataDir),
    digestServices: (store, permissions = createPermissionChecker(), config = {}) => ({
      ...services,
      digest: { store, permissions, config: { ...DEFAULT_DIGEST_CONFIG, ...config } },
    }),
  };
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
