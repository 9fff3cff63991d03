// `quote`: a query string in, verbatim sentences with highlights and sources out. Never throws on the
// query string: every string is a query, and an unusable part becomes a note.
import { ALL_STAGES, exactClauses, execute, type Scored, type SearchCore } from './execute.ts';
import { highlightSpans } from './phrases.ts';
import { emptyReason, typoRetry, type TypoRetry } from './quote-notes.ts';
import { planQuery, type QueryPlan } from './quote-plan.ts';
import { wordTokens } from './terms.ts';
import { topScored } from './top-k.ts';
import { DEFAULT_QUOTE_LIMIT, MAX_QUOTE_LIMIT, type Hit, type QuoteOptions, type QuoteResult } from './types.ts';

export const EMPTY_QUERY_NOTE =
  'Type one or more words to search for, e.g. Kozak, or "peace deal" publisher:reuters (see the search help for more).';

/** The page to show: limit clamped to 1…25, offset to ≥ 0, with a note when the limit was changed. */
export function pageOf(options: QuoteOptions): { limit: number; offset: number; note: string | null } {
  const offset = Number.isFinite(options.offset) ? Math.max(0, Math.floor(options.offset!)) : 0;
  const asked = options.limit;
  if (asked === undefined) return { limit: DEFAULT_QUOTE_LIMIT, offset, note: null };
  if (!Number.isFinite(asked)) return { limit: DEFAULT_QUOTE_LIMIT, offset, note: `Limit ${asked} is not a number; showing ${DEFAULT_QUOTE_LIMIT}.` };
  const whole = Math.floor(asked);
  if (whole > MAX_QUOTE_LIMIT) return { limit: MAX_QUOTE_LIMIT, offset, note: `Showing at most ${MAX_QUOTE_LIMIT} results at a time (limit ${asked} was lowered).` };
  if (whole < 1) return { limit: 1, offset, note: `Limit ${asked} is below 1; showing 1.` };
  return { limit: whole, offset, note: null };
}

export function runQuote(core: SearchCore, query: string, options: QuoteOptions = {}): QuoteResult {
  const page = pageOf(options);
  const plan = planQuery(query, core.pipeline, core.fieldFilters);
  const finish = (total: number, results: Hit[], ...notes: Array<string | null>): QuoteResult => {
    const all = [...notes, ...plan.problems, page.note].filter((n): n is string => !!n);
    return { query, total, results, note: all.length > 0 ? all.join(' ') : null };
  };
  if (plan.blank) return finish(0, [], EMPTY_QUERY_NOTE);
  const clauses = exactClauses(plan);
  if (clauses.length === 0 && plan.phrases.every((p) => p.hashes.length === 0)) return finish(0, [], nothingToSearch(plan));

  let found = execute(core, plan, clauses, ALL_STAGES);
  let retry: TypoRetry | null = null;
  if (found.size === 0) {
    retry = typoRetry(core, plan);
    const corrected = retry ? execute(core, plan, retry.clauses, ALL_STAGES) : null;
    if (!retry || !corrected || corrected.size === 0) return finish(0, [], emptyReason(core, plan, clauses));
    found = corrected;
  }
  const order = rank(core, found, page.offset + page.limit);
  // Highlight the query's words and their corrections; phrase words are highlighted as whole phrases.
  const terms = new Set([...plan.words.map((w) => w.term), ...(retry?.corrected.flatMap((c) => [...c.terms]) ?? [])]);
  const phrases = plan.phrases.map((p) => p.words);
  const results = order.slice(page.offset).map((i): Hit => {
    const doc = found.docs[i]!;
    const text = core.store.text(doc);
    return {
      sentenceId: core.store.sentenceId(doc),
      text,
      highlights: highlightSpans(text, core.pipeline, terms, phrases),
      score: Math.round(found.scores[i]! * 1e4) / 1e4,
      kind: core.store.kind(doc),
      article: core.store.hitArticle(doc),
    };
  });
  const correction = retry ? correctionNote(core, query, retry, found.docs[order[0]!]!) : null;
  return finish(found.size, results, correction);
}

/** Indices into `found` of the best `k`, best first. Ties (equal score): newer first, then corpus order. */
function rank(core: SearchCore, found: Scored, k: number): number[] {
  const { docs } = found;
  return topScored(found.scores, found.size, k, (a, b) => {
    const da = core.store.dateKey(docs[a]!);
    const db = core.store.dateKey(docs[b]!);
    return da !== db ? da > db : docs[a]! < docs[b]!;
  });
}

/** "No exact match for 'Kozac'; showing results for 'Kozak'", the correction spelt as in the best hit. */
function correctionNote(core: SearchCore, query: string, retry: TypoRetry, bestDoc: number): string {
  const tokens = wordTokens(core.store.text(bestDoc));
  let rewritten = query;
  // Right to left, so earlier offsets stay valid.
  for (const { word, terms } of [...retry.corrected].sort((a, b) => b.word.start - a.word.start)) {
    const found = tokens.find((t) => terms.has(core.pipeline.term(t.surface) ?? ''))?.surface;
    // Show the word, not its possessive: "Kozak’s" → "Kozak".
    const spelt = found?.replace(/['’‘`ʼ]s$/u, '') ?? word.surface;
    rewritten = rewritten.slice(0, word.start) + spelt + rewritten.slice(word.end);
  }
  return `No exact match for '${query.trim()}'; showing results for '${rewritten.trim()}'.`;
}

/** The note when the query has words but none that can be searched. */
function nothingToSearch(plan: QueryPlan): string {
  const common = [...plan.ignored, ...plan.phrases.map((p) => p.label)];
  if (common.length > 0) {
    return `'${common.join(' ')}' has only very common words, which are not searched on their own: add a more specific word, or put the words in "quotes" to find them as a phrase.`;
  }
  return 'Add at least one word to search for: filters and -exclusions only narrow a search.';
}
