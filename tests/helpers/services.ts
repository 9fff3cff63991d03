// Real Services over the bundled seed corpus (the real index and checker, nothing stubbed), plus small
// readers for the neutral Reply that command and adapter tests share.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/chat/logger.ts';
import type { Citation, Invocation, OptionValue, Reply, ReplyAction } from '../../src/chat/model.ts';
import type { Services } from '../../src/chat/services.ts';
import { createClaimChecker } from '../../src/check/checker.ts';
import { articleSentences } from '../../src/corpus/article-sentences.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { SentenceKind } from '../../src/corpus/types.ts';
import { openIndex } from '../../src/search/open-index.ts';
import { SEED_CORPUS } from './corpus.ts';

let opened: Promise<Services> | null = null;

/**
 * Services over corpus/ with the real search index and claim checker. Built once per test file (the
 * index is read-only for commands); logs are discarded unless LOG_LEVEL is set.
 */
export function seedServices(): Promise<Services> {
  opened ??= (async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'factbot-index-'));
    const { index } = await openIndex({ corpusDir: SEED_CORPUS, cacheDir });
    return {
      search: index,
      checker: createClaimChecker(index),
      log: createLogger({ fallbackLevel: 'silent' }),
      now: Date.now,
    };
  })();
  return opened;
}

export interface SeedSentence {
  text: string;
  kind: SentenceKind;
  articleId: string;
  publisher: string;
  published: string;
  url: string | null;
}

/** Every sentence of the seed corpus with its article's metadata, read straight from the files. */
export async function seedSentences(): Promise<SeedSentence[]> {
  const { articles } = await loadCorpus(SEED_CORPUS);
  return articles.flatMap((article) =>
    articleSentences(article).map((s) => ({
      text: s.text,
      kind: s.kind,
      articleId: article.id,
      publisher: article.publisher,
      published: article.published,
      url: article.url,
    })),
  );
}

/** A console invocation with the given options. */
export function invocationWith(options: Record<string, OptionValue>, command = 'test'): Invocation {
  return {
    platform: 'console',
    command,
    options,
    user: { id: 'tester', name: 'Tester' },
    channel: { id: 'console' },
    workspace: null,
    requestId: 'test-request',
  };
}

export type QuoteBlock = { type: 'quote'; text: string; highlights: Array<[number, number]>; citation: Citation };

export function quoteBlocks(reply: Reply): QuoteBlock[] {
  return reply.blocks.filter((b): b is QuoteBlock => b.type === 'quote');
}

export function actionsOf(reply: Reply): ReplyAction[] {
  return reply.blocks.flatMap((b) => (b.type === 'actions' ? b.actions : []));
}

/** All text the reader sees except the quotes' own sentences: headers, text, context, fields. */
export function textOf(reply: Reply): string {
  return reply.blocks
    .map((b) => {
      switch (b.type) {
        case 'header':
        case 'text':
        case 'context':
          return b.text;
        case 'fields':
          return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
        default:
          return '';
      }
    })
    .filter(Boolean)
    .join('\n');
}
