// Index ↔ snapshot parts. The snapshot holds everything needed to answer without the corpus files:
// article metadata (JSON), article texts (one string per chunk; each sentence is stored as offsets
// into its paragraph, since the splitter returns exact substrings), sentence columns and postings
// (typed arrays). Loading decodes the texts once and slices; nothing is re-tokenised.
import type { Article, BlockKind } from '../corpus/types.ts';
import { FrozenPostings } from './frozen-postings.ts';
import { SentenceStore } from './sentence-store.ts';
import type { SnapshotParts } from './snapshot-file.ts';

/** V8 strings stop at ~2^29 characters: texts are split into chunks well below that, at article boundaries. */
const CHUNK_CHARS = 64 * 1024 * 1024;

interface ArticleRecord extends Omit<Article, 'blocks'> {
  chunk: number;
  /** [kind, start, end) of each block in its chunk. */
  blocks: Array<[BlockKind, number, number]>;
}

interface IndexJson {
  articles: ArticleRecord[];
  chunks: number;
}

export function encodeIndex(store: SentenceStore, frozen: FrozenPostings): SnapshotParts {
  const { articles, counts, kinds, paragraphs, lengths, texts } = store.columns();
  const starts = new Uint32Array(texts.length);
  const ends = new Uint32Array(texts.length);
  const chunks: string[][] = [[]];
  let at = 0;
  const append = (text: string) => {
    const start = at;
    chunks[chunks.length - 1]!.push(text);
    at += text.length;
    return start;
  };
  let doc = 0;
  const records = articles.map((article, articleNo): ArticleRecord => {
    if (at > CHUNK_CHARS) {
      chunks.push([]);
      at = 0;
    }
    const { blocks, ...meta } = article;
    // Paragraph 0 is the title (the headline sentence), paragraph i the block i - 1.
    const containers = [article.title, ...blocks.map((b) => b.text)].map((text) => ({ text, start: append(text), cursor: 0 }));
    for (const end = doc + counts[articleNo]!; doc < end; doc++) {
      const text = texts[doc]!;
      const container = containers[paragraphs[doc]!];
      const found = container ? container.text.indexOf(text, container.cursor) : -1;
      if (container && found >= 0) {
        starts[doc] = container.start + found;
        container.cursor = found + text.length;
      } else {
        starts[doc] = append(text); // not a substring of its paragraph: stored as is
      }
      ends[doc] = starts[doc]! + text.length;
    }
    const record: ArticleRecord = { ...meta, chunk: chunks.length - 1, blocks: [] };
    blocks.forEach((b, i) => record.blocks.push([b.kind, containers[i + 1]!.start, containers[i + 1]!.start + b.text.length]));
    return record;
  });
  const json: IndexJson = { articles: records, chunks: chunks.length };
  return {
    json,
    arrays: {
      counts, kinds, paragraphs, lengths, starts, ends,
      termOffsets: frozen.offsets, docs: frozen.docs, freqs: frozen.freqs,
    },
    texts: {
      vocabulary: frozen.vocabulary.join('\n'),
      ...Object.fromEntries(chunks.map((pieces, i) => [`text${i}`, pieces.join('')])),
    },
  };
}

/** Throws when the parts are not a complete index snapshot (the caller rebuilds). */
export function decodeIndex(parts: SnapshotParts): { store: SentenceStore; frozen: FrozenPostings } {
  const json = parts.json as IndexJson;
  if (!json || !Array.isArray(json.articles) || typeof json.chunks !== 'number') throw new Error('snapshot without index metadata');
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
  const counts = array('counts', Uint32Array);
  const starts = array('starts', Uint32Array);
  const ends = array('ends', Uint32Array);
  const texts = new Array<string>(starts.length);
  let doc = 0;
  const articles = json.articles.map((record, articleNo): Article => {
    const { chunk: chunkNo, blocks, ...meta } = record;
    const chunk = chunks[chunkNo]!;
    for (const end = doc + counts[articleNo]!; doc < end; doc++) texts[doc] = chunk.slice(starts[doc]!, ends[doc]!);
    return { ...meta, blocks: blocks.map(([kind, start, end]) => ({ kind, text: chunk.slice(start, end) })) };
  });
  // Copies, so the snapshot file's bytes (texts included) can be garbage-collected.
  const store = SentenceStore.fromColumns({
    articles,
    counts: counts.slice(),
    kinds: array('kinds', Uint8Array).slice(),
    paragraphs: array('paragraphs', Uint32Array).slice(),
    lengths: array('lengths', Uint16Array).slice(),
    texts,
  });
  const vocabulary = text('vocabulary');
  const frozen = FrozenPostings.fromArrays(
    vocabulary === '' ? [] : vocabulary.split('\n'),
    array('termOffsets', Uint32Array).slice(),
    array('docs', Uint32Array).slice(),
    array('freqs', Uint8Array).slice(),
  );
  return { store, frozen };
}
