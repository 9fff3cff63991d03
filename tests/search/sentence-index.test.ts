// SentenceIndex on small in-memory corpora: ranking rules, incremental changes, pre-split sentences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasTable } from '../../src/corpus/aliases.ts';
import type { Article, Block } from '../../src/corpus/types.ts';
import { querySyntaxHelp } from '../../src/search/query-syntax.ts';
import { SentenceIndex } from '../../src/search/sentence-index.ts';

function article(id: string, published: string, blocks: Block[] | string, publisher = 'Test Gazette'): Article {
  return {
    id, path: `articles/${id}.md`, title: `Headline of ${id}`, publisher, published, dateInferred: false, author: null,
    url: `https://example.org/${id}`, language: 'en',
    blocks: typeof blocks === 'string' ? [{ kind: 'body', text: blocks }] : blocks,
  };
}

const ids = (index: SentenceIndex, query: string) => index.search(query, { limit: 25 }).results.map((h) => h.sentenceId);

describe('ranking', () => {
  it('puts the newer of two equally scored sentences first', () => {
    const index = SentenceIndex.build([
      article('old', '2022-01-01', 'Kozak met the envoy.'),
      article('new', '2024-01-01', 'Kozak met the envoy.'),
      article('mid', '2023-01-01', 'Kozak met the envoy.'),
    ]);
    expect(ids(index, 'Kozak envoy')).toEqual(['new#2', 'mid#2', 'old#2']);
  });

  it('ranks a caption below the same words in body text', () => {
    const index = SentenceIndex.build([
      article('a', '2024-01-01', [{ kind: 'caption', text: 'Kozak at the summit.' }]),
      article('b', '2022-01-01', 'Kozak at the summit.'),
    ]);
    const hits = index.search('Kozak summit').results;
    expect(hits.map((h) => [h.sentenceId, h.kind])).toEqual([['b#2', 'body'], ['a#2', 'caption']]);
  });

  it('ranks sentences with the rarer word first', () => {
    const index = SentenceIndex.build([
      article('a', '2024-01-01', 'Putin spoke. Putin spoke again. Putin and Kozak spoke. Putin left.'),
    ]);
    expect(ids(index, 'Putin Kozak')).toEqual(['a#4']);
    expect(index.search('Putin OR Kozak').total).toBe(0); // AND: "OR" is a word like any other
  });
});

describe('incremental changes', () => {
  it('upserts and removes one article without touching the others', async () => {
    const index = SentenceIndex.build([article('a', '2024-01-01', 'Kozak secured a deal.'), article('b', '2024-01-02', 'Peskov denied it.')]);
    expect(ids(index, 'Kozak')).toEqual(['a#2']);
    await index.upsertArticle(article('c', '2024-01-03', 'Kozak was stripped of his portfolio.'));
    expect(new Set(ids(index, 'Kozak'))).toEqual(new Set(['a#2', 'c#2']));
    await index.upsertArticle(article('a', '2024-01-01', 'Lavrov secured a deal.'));
    expect(ids(index, 'Kozak')).toEqual(['c#2']);
    expect(ids(index, 'Lavrov')).toEqual(['a#2']);
    await index.removeArticle('c');
    expect(ids(index, 'Kozak')).toEqual([]);
    expect(await index.sentencesOf('c')).toBeNull();
    expect((await index.sentencesOf('b'))!.map((s) => s.text)).toEqual(['Headline of b', 'Peskov denied it.']);
    expect((await index.stats()).articles).toBe(2);
  });

  it('answers like a fresh build after any sequence of upserts, removals and compactions', () => {
    const words = ['Kozak', 'Peskov', 'Kyiv', 'Kiev', 'deal', 'rejected', 'rejecting', 'talks', 'NATO', '2022'];
    const aliases = aliasTable([['Kyiv', 'Kiev']]);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('upsert' as const), id: fc.constantFrom('a', 'b', 'c', 'd'), text: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }), day: fc.integer({ min: 1, max: 28 }) }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.constantFrom('a', 'b', 'c', 'd') }),
      fc.record({ kind: fc.constant('compact' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), fc.constantFrom(...words, '"Kozak deal"', 'deal -Kozak', 'Kiev since:2024-02-10', 'Kozac'), (ops, query) => {
        const index = SentenceIndex.build([article('a', '2024-01-01', 'Kozak deal talks.')], aliases);
        const current = new Map<string, Article>([['a', article('a', '2024-01-01', 'Kozak deal talks.')]]);
        for (const o of ops) {
          if (o.kind === 'upsert') {
            const a = article(o.id, `2024-02-${String(o.day).padStart(2, '0')}`, `${o.text.join(' ')}.`);
            index.upsert(a);
            current.set(o.id, a);
          } else if (o.kind === 'remove') {
            index.remove(o.id);
            current.delete(o.id);
          } else {
            index.compact();
          }
        }
        const fresh = SentenceIndex.build([...current.values()], aliases);
        const got = index.search(query, { limit: 25 });
        const want = fresh.search(query, { limit: 25 });
        expect(got.total).toBe(want.total);
        expect(got.note).toBe(want.note);
        expect(new Set(got.results.map((h) => h.sentenceId))).toEqual(new Set(want.results.map((h) => h.sentenceId)));
      }),
      { numRuns: 200 },
    );
  });

  it('survives a snapshot round trip after changes', () => {
    const index = SentenceIndex.build([article('a', '2024-01-01', 'Kozak secured a deal.'), article('b', '2024-01-02', 'Peskov denied it.')]);
    index.upsert(article('c', '2024-01-03', 'Kozak was stripped of his portfolio.'));
    index.remove('b');
    const restored = SentenceIndex.fromSnapshot(index.toSnapshot());
    expect(restored.search('Kozak', { limit: 25 })).toEqual(index.search('Kozak', { limit: 25 }));
    expect(restored.search('Peskov').total).toBe(0);
  });
});

describe('field filters added to one index', () => {
  it('parse, filter per sentence, negate and appear in that index\'s help', () => {
    const make = () =>
      SentenceIndex.build([
        article('a', '2024-01-01', [{ kind: 'caption', text: 'Kozak at the summit.' }, { kind: 'body', text: 'Kozak spoke at the summit.' }]),
      ]);
    const plain = make();
    expect(plain.search('Kozak kind:caption').total).toBe(0); // an unknown field is plain words
    const index = make();
    index.addFieldFilter({
      name: 'kind',
      example: 'kind:caption',
      description: 'only sentences of this kind',
      compile: (value) => (value ? { field: 'kind', keepSentence: (sentence) => sentence.kind === value } : { problem: 'kind: needs a kind' }),
    });
    expect(ids(index, 'Kozak kind:caption')).toEqual(['a#2']);
    expect(ids(index, 'Kozak -kind:caption')).toEqual(['a#3']);
    expect(index.search('Kozak kind:').note).toBe('kind: needs a kind');
    expect(querySyntaxHelp(index.fieldFilters)).toContain('kind:caption');
    expect(querySyntaxHelp(plain.fieldFilters)).not.toContain('kind:caption');
  });
});

describe('fromSentences', () => {
  it('indexes pre-split sentences with ids in the order given', async () => {
    const index = SentenceIndex.fromSentences([
      { articleId: 'doc1', text: 'Kozak secured a deal.' },
      { articleId: 'doc2', text: 'Putin rejected the deal.', article: { publisher: 'Wire', published: '2022-09-14' } },
      { articleId: 'doc1', text: 'He was later stripped of his role.' },
    ]);
    expect(ids(index, 'deal').sort()).toEqual(['doc1#1', 'doc2#1']);
    expect(ids(index, 'stripped')).toEqual(['doc1#2']);
    expect((await index.sentencesOf('doc1'))!.map((s) => s.id)).toEqual(['doc1#1', 'doc1#2']);
    expect(index.search('rejected').results[0]!.article).toMatchObject({ publisher: 'Wire', published: '2022-09-14' });
  });
});

describe('candidates', () => {
  const index = SentenceIndex.build([
    article('a', '2022-09-14', 'Kozak secured a deal guaranteeing that Ukraine would not join NATO. The weather was fine.'),
    article('b', '2024-06-14', 'Ukraine wants to join NATO. Russia said many things about Ukraine.'),
    article('c', '2023-02-28', 'Peskov spoke about the regions.'),
  ]);

  it('ranks the sentence sharing the most and rarest claim words first', () => {
    const hits = index.candidates('Dmitry Kozak secured a deal so that Ukraine would never join NATO');
    expect(hits[0]!.sentenceId).toBe('a#2');
    expect(hits.map((h) => h.sentenceId)).toContain('b#2');
    expect(hits.map((h) => h.sentenceId)).not.toContain('c#2');
    expect(hits[0]!.highlights.map(([s, e]) => hits[0]!.text.slice(s, e))).toEqual(expect.arrayContaining(['Kozak', 'deal', 'NATO']));
  });

  it('stops admitting sentences through common words once the pool is full', () => {
    const capped = index.candidates('Kozak Ukraine', { poolSize: 1 });
    // "Kozak" (rarest) fills the pool; "Ukraine" then only adds to its score.
    expect(capped.map((h) => h.sentenceId)).toEqual(['a#2']);
    expect(index.candidates('Kozak Ukraine').length).toBeGreaterThan(1);
  });

  it('accepts words, honours the limit and never throws', () => {
    expect(index.candidates(['Ukraine', 'NATO'], { limit: 1 })).toHaveLength(1);
    expect(index.candidates('')).toEqual([]);
    expect(index.candidates('the of and')).toEqual([]);
  });
});
