// Index ↔ snapshot parts. A snapshot holds everything needed to answer without the corpus files, laid
// out for a fast start: article metadata as JSON columns (arrays of strings parse far faster than an
// array of objects), texts as a few large strings (each article's title and blocks in a row; each
// sentence as offsets into its paragraph, since the splitter returns exact substrings), and sentence
// columns, word hashes and postings as typed arrays. Loading slices nothing up front: sentence texts
// are sliced when read and an article is built when first asked for.
import type { Article, BlockKind } from '../corpus/types.ts';
import { FrozenPostings } from './frozen-postings.ts';
import { KINDS, SentenceStore } from './sentence-store.ts';
import type { SnapshotParts } from './snapshot-file.ts';

/** V8 strings stop at ~2^29 characters: texts are split into chunks well below that, at article boundaries. */
const CHUNK_CHARS = 64 * 1024 * 1024;

interface ArticleColumns {
  id: string[];
  path: string[];
  publisher: string[];
  published: string[];
  author: Array<string | null>;
  url: Array<string | null>;
  language: string[];
}

interface IndexJson {
  articles: ArticleColumns;
  chunks: number;
}

/** Encodes a compacted index (every article and sentence alive). */
export function encodeIndex(store: SentenceStore, frozen: FrozenPostings): SnapshotParts {
  // Built one by one for the snapshot, not kept: a running index keeps only the articles it served.
  const articles = store.indexedArticles(false);
  const n = store.docCount;
  if (articles.length !== store.articleSlots || store.sentenceCount !== n) throw new Error('compact the index before a snapshot');
  const cols: ArticleColumns = { id: [], path: [], publisher: [], published: [], author: [], url: [], language: [] };
  const a = { chunk: new Uint32Array(articles.length), count: new Uint32Array(articles.length), inferred: new Uint8Array(articles.length), blocks: new Uint32Array(articles.length) };
  const blockKinds: number[] = [];
  const blockSpans: number[] = [];
  const s = { kinds: new Uint8Array(n), paragraphs: new Uint32Array(n), lengths: new Uint16Array(n), starts: new Uint32Array(n), ends: new Uint32Array(n) };
  // Compacted, so the word hashes are contiguous in sentence order.
  const wordColumn = store.wordColumn();
  const chunks: string[][] = [[]];
  let at = 0;
  const append = (text: string) => {
    chunks[chunks.length - 1]!.push(text);
    at += text.length;
    return at - text.length;
  };
  articles.forEach((article, i) => {
    if (at > CHUNK_CHARS) {
      chunks.push([]);
      at = 0;
    }
    for (const key of Object.keys(cols) as Array<keyof ArticleColumns>) (cols[key] as unknown[]).push(article[key]);
    a.chunk[i] = chunks.length - 1;
    a.inferred[i] = article.dateInferred ? 1 : 0;
    // Paragraph 0 is the title (the headline sentence), paragraph p the block p - 1.
    const containers = [{ kind: 'headline' as BlockKind, text: article.title }, ...article.blocks].map((b) => ({ text: b.text, start: append(b.text), cursor: 0 }));
    a.blocks[i] = article.blocks.length;
    containers.forEach((c, j) => {
      blockKinds.push(j === 0 ? 0 : KINDS.indexOf(article.blocks[j - 1]!.kind));
      blockSpans.push(c.start, c.start + c.text.length);
    });
    const { first, count } = store.range(i);
    a.count[i] = count;
    for (let doc = first; doc < first + count; doc++) {
      const text = store.text(doc);
      const container = containers[store.paragraph(doc)];
      const found = container ? container.text.indexOf(text, container.cursor) : -1;
      if (container && found >= 0) container.cursor = found + text.length;
      s.starts[doc] = container && found >= 0 ? container.start + found : append(text); // else stored as is
      s.ends[doc] = s.starts[doc]! + text.length;
      s.kinds[doc] = KINDS.indexOf(store.kind(doc));
      s.paragraphs[doc] = store.paragraph(doc);
      s.lengths[doc] = store.length(doc);
    }
  });
  return {
    json: { articles: cols, chunks: chunks.length } satisfies IndexJson,
    arrays: {
      articleChunk: a.chunk, articleCount: a.count, articleInferred: a.inferred, articleBlocks: a.blocks,
      blockKinds: Uint8Array.from(blockKinds), blockSpans: Uint32Array.from(blockSpans),
      ...s, wordCounts: wordColumn.counts, words: wordColumn.words,
      termOffsets: frozen.offsets, docs: frozen.docs, freqs: frozen.freqs,
    },
    texts: { vocabulary: frozen.vocabulary.join('\n'), ...Object.fromEntries(chunks.map((pieces, i) => [`text${i}`, pieces.join('')])) },
  };
}

/** Throws when the parts are not a complete index snapshot (the caller rebuilds). */
export function decodeIndex(parts: SnapshotParts): { store: SentenceStore; frozen: FrozenPostings } {
  const json = parts.json as IndexJson;
  if (!json?.articles || !Array.isArray(json.articles.id) || typeof json.chunks !== 'number') throw new Error('snapshot without index metadata');
  const array = <T>(name: string, type: new (...args: never[]) => T): T => {
    const found = parts.arrays[name];
    if (!(found instanceof type)) throw new Error(`snapshot without '${name}'`);
    return found;
  };
  const text = (name: string): string => {
    const found = parts.texts[name];
    if (typeof found !== 'string') throw new Error(`snapshot without '${name}'`);
    return found;
  };
  const chunks = Array.from({ length: json.chunks }, (_, i) => text(`text${i}`));
  const cols = json.articles;
  const articleChunk = array('articleChunk', Uint32Array);
  const articleCount = array('articleCount', Uint32Array);
  const articleBlocks = array('articleBlocks', Uint32Array);
  const inferred = array('articleInferred', Uint8Array);
  const blockKinds = array('blockKinds', Uint8Array);
  const blockSpans = array('blockSpans', Uint32Array);
  const chunkOf = new Uint32Array(array('kinds', Uint8Array).length);
  const firstBlock = new Uint32Array(cols.id.length);
  for (let i = 0, doc = 0, block = 0; i < cols.id.length; i++) {
    chunkOf.fill(articleChunk[i]!, doc, (doc += articleCount[i]!));
    firstBlock[i] = block;
    block += articleBlocks[i]! + 1;
  }
  // Built on first use: a query touches only the articles of its hits.
  const span = (i: number, b: number) => chunks[articleChunk[i]!]!.slice(blockSpans[2 * b]!, blockSpans[2 * b + 1]!);
  const meta = (i: number): Omit<Article, 'blocks'> => ({
    id: cols.id[i]!, path: cols.path[i]!, title: span(i, firstBlock[i]!), publisher: cols.publisher[i]!, published: cols.published[i]!,
    dateInferred: inferred[i] === 1, author: cols.author[i] ?? null, url: cols.url[i] ?? null, language: cols.language[i]!,
  });
  const article = (i: number): Article => {
    const title = firstBlock[i]!;
    const blocks = Array.from({ length: articleBlocks[i]! }, (_, j) => ({ kind: KINDS[blockKinds[title + 1 + j]!] as BlockKind, text: span(i, title + 1 + j) }));
    return { ...meta(i), blocks };
  };
  const wordCounts = array('wordCounts', Uint16Array);
  const wordStarts = new Uint32Array(wordCounts.length);
  for (let d = 1; d < wordCounts.length; d++) wordStarts[d] = wordStarts[d - 1]! + wordCounts[d - 1]!;
  const store = SentenceStore.fromColumns({
    facts: cols.id.map((id, i) => ({ id, path: cols.path[i]!, publisher: cols.publisher[i]!, published: cols.published[i]!, dateInferred: inferred[i] === 1 })),
    article, meta, counts: articleCount, kinds: array('kinds', Uint8Array), paragraphs: array('paragraphs', Uint32Array),
    lengths: array('lengths', Uint16Array), chunks, chunkOf, starts: array('starts', Uint32Array), ends: array('ends', Uint32Array),
    wordStarts, wordCounts, words: array('words', Uint32Array),
  });
  const vocabulary = text('vocabulary');
  const frozen = FrozenPostings.fromArrays(
    vocabulary === '' ? [] : vocabulary.split('\n'),
    array('termOffsets', Uint32Array), array('docs', Uint32Array), array('freqs', Uint8Array),
  );
  return { store, frozen };
}
