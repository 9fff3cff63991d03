import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSource } from '../../src/corpus/ingest.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { splitSentences } from '../../src/corpus/sentences.ts';
import type { Article } from '../../src/corpus/types.ts';

const corpusDir = fileURLToPath(new URL('../../corpus/', import.meta.url));
const seedsDir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

interface SeedEntry {
  file: string;
  publisher: string;
  published: string;
  dateInferred: boolean;
  author: string | null;
}

// The raw seeds live beside the repository (../shared/seeds), as on developers' machines and in CI.
const haveSeeds = existsSync(seedsDir);
if (!haveSeeds) console.warn(`skipping the re-ingest tests: no raw seeds at ${seedsDir}`);

const manifest = JSON.parse(await readFile(join(corpusDir, 'seeds.json'), 'utf8')) as { seeds: SeedEntry[] };

describe.skipIf(!haveSeeds)('the seed articles', () => {
  let empty: string;
  beforeAll(async () => {
    empty = await mkdtemp(join(tmpdir(), 'factbot-seeds-'));
  });
  afterAll(() => rm(empty, { recursive: true, force: true }));

  it('the manifest lists the five seeds', () => {
    expect(manifest.seeds.map((s) => s.file.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
  });

  for (const seed of manifest.seeds) {
    it(`re-ingesting ${seed.file} reproduces its corpus file exactly`, async () => {
      const outcome = await ingestSource(join(seedsDir, seed.file), {
        corpusDir: empty,
        dryRun: true,
        publisher: seed.publisher,
        published: seed.published,
        dateInferred: seed.dateInferred,
        author: seed.author,
      });
      expect(outcome.status).toBe('dry-run');
      if (outcome.status !== 'dry-run') return;
      expect(await readFile(join(corpusDir, outcome.path), 'utf8')).toBe(outcome.fileText);
    });
  }
});

const FORBIDDEN = [
  'Leave a Reply', 'See also', 'Maui', 'Biden', 'Required fields', 'newsletter', 'Send a link', 'Back to top',
  'All rights reserved', 'Min Read', 'published 7 months ago', 'Related article', 'Original url', 'Editing by',
  'Reporting by', '](#)', '](', 'By Rob Harris', '[February 28, 2023]',
];
// Lines that are boilerplate as a whole but fine inside a sentence.
const FORBIDDEN_WHOLE = ['RksNews', '2 Min Read', 'Share', 'September 14, 2022'];

describe('the corpus built from the seeds', () => {
  let articles: Article[];
  beforeAll(async () => {
    articles = (await loadCorpus(corpusDir)).articles;
  });
  const byId = (id: string) => {
    const found = articles.find((a) => a.id === id);
    if (!found) throw new Error(`no article ${id} in the corpus`);
    return found;
  };

  it('no sentence contains boilerplate', () => {
    const sentences = articles.flatMap((a) => [a.title, ...a.blocks.flatMap((b) => splitSentences(b.text))]);
    expect(sentences.length).toBeGreaterThan(100);
    const offending = sentences.filter((s) => FORBIDDEN.some((snippet) => s.includes(snippet)) || FORBIDDEN_WHOLE.includes(s));
    expect(offending).toEqual([]);
  });

  it('keeps the photo captions as captions', () => {
    const moscow = byId('2022-09-14-moscow-times-putin-rejected-early-ukraine-peace-deal');
    expect(moscow.blocks[0]).toEqual({
      kind: 'caption',
      text: "Putin at the Feb. 22 Security Council meeting where he laid out his intent to formally recognize the Donbas' separatist republics as independent states. kremlin.ru",
    });
    const reuters = byId('2023-02-28-reuters-kremlin-russia-open-to-ukraine-talks');
    const peskov = reuters.blocks.find((b) => b.text.startsWith('Kremlin spokesman Dmitry Peskov attends'));
    expect(peskov?.kind).toBe('caption');
    expect(peskov?.text).toMatch(/Sputnik\/Valeriy Sharifulin\/Pool via REUTERS$/);
  });

  it('reads metadata from the text and keeps the dateline of the Reuters copy', () => {
    const moscow = byId('2022-09-14-moscow-times-putin-rejected-early-ukraine-peace-deal');
    expect(moscow.title).toBe("Putin Rejected Early Ukraine Peace Deal to Pursue 'Expanded' Annexation Goals – Reuters");
    expect(moscow.url).toBe('https://www.themoscowtimes.com/2022/09/14/putin-rejected-early-ukraine-peace-deal-to-pursue-expanded-annexation-goals-reuters-a78787');
    expect(moscow.author).toBeNull();
    const reuters = byId('2023-02-28-reuters-kremlin-russia-open-to-ukraine-talks');
    expect(reuters.blocks[0]?.text).toMatch(/^MOSCOW \(Reuters\) - The Kremlin on Tuesday/);
    expect(reuters.url).toBeNull();
    expect(byId('2024-06-14-sydney-morning-herald-russia-demands-ukraine-drop-nato-bid')).toMatchObject({ author: 'Rob Harris', dateInferred: true, url: null });
  });

  it('turns the RksNews subheadings into headlines and keeps the garbled copy as it is', () => {
    const rks = byId('2025-11-27-rksnews-putin-doubles-territorial-demands-in-talks');
    expect(rks.blocks.filter((b) => b.kind === 'headline').map((b) => b.text)).toEqual([
      'Putin: U.S. Plan Contains 28 Points',
      'Russia Seeks Recognition of Occupied Territories',
      'Further Diplomatic Movement Expected',
    ]);
    const garbled = byId('2024-06-14-unidentified-aggregator-site-putin-offers-ceasefire-if-ukraine-pulls');
    expect(garbled.blocks.map((b) => b.text)).toContain(
      'Putin’s comments, which represented a rare occasion when he clearly laid out his conditions for ending the war in Ukraine, were relayed to slack-jawed Foreign Ministry staff but contained no new demands. The Kremlin has previously said Kiev should recognize its territorial gains and abandon its bid to join NATO.',
    );
  });
});
