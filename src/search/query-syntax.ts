// The quote query language, the same in chat and on the command line. The parser only splits the
// query into parts; what a part means (terms, filters) is decided in quote-plan.ts. It never throws:
// every string is a query, and anything it cannot use becomes plain words.
import { FIELD_FILTERS, FIELD_NAMES, type FieldFilterDefinition } from './field-filters.ts';

/** The help text for an index with these field filters (an index may add its own, e.g. speaker:). */
export function querySyntaxHelp(filters: readonly Pick<FieldFilterDefinition, 'example' | 'description'>[] = FIELD_FILTERS): string {
  return [
    'How to search (same syntax in chat and on the command line):',
    '  Kozak deal              sentences containing every word, in any order; other forms and spellings',
    '                          of a word count: "rejecting" finds "rejected", "Kiev" finds "Kyiv"',
    '  "peace deal"            these words next to each other, in this order',
    '  -Peskov  -"peace deal"  leave out sentences containing this word or phrase',
    ...filters.map((f) => `  ${f.example.padEnd(22)}  ${f.description}`),
    'Very common words (the, of, will, …) are not searched on their own; inside "quotes" they must match.',
    'A misspelt word of 5 or more letters is corrected when nothing matches as typed.',
  ].join('\n');
}

/** The help text for the built-in field filters. */
export const QUERY_SYNTAX_HELP = querySyntaxHelp();

interface Span {
  /** Offsets of the part in the query string (for rewriting it, e.g. after a typo correction). */
  start: number;
  end: number;
}

export type QueryPart =
  | (Span & { type: 'text'; text: string; negated: boolean })
  | (Span & { type: 'phrase'; text: string; negated: boolean })
  | (Span & { type: 'field'; name: string; value: string; negated: boolean });

// Chat clients turn " into typographic quotes, so all of them open and close phrases.
const QUOTES = '"“”„«»＂';
const isSpace = (c: string) => /\s/u.test(c);

/** Splits a query into words, phrases and field filters. `fields` are the known field names (lower case). */
export function parseQuery(input: string, fields: ReadonlySet<string> = FIELD_NAMES): QueryPart[] {
  const parts: QueryPart[] = [];
  let i = 0;
  while (i < input.length) {
    if (isSpace(input[i]!)) {
      i++;
      continue;
    }
    const start = i;
    // A leading minus negates, but a lone "-" (or "- word") is just punctuation.
    const negated = input[i] === '-' && i + 1 < input.length && !isSpace(input[i + 1]!);
    if (negated) i++;
    if (QUOTES.includes(input[i]!)) {
      const { text, end } = readQuoted(input, i);
      parts.push({ type: 'phrase', text, negated, start, end });
      i = end;
      continue;
    }
    const field = /^([a-z]+):/i.exec(input.slice(i, i + 40));
    if (field && fields.has(field[1]!.toLowerCase())) {
      const valueStart = i + field[0].length;
      const { text, end } = QUOTES.includes(input[valueStart] ?? '') ? readQuoted(input, valueStart) : readBare(input, valueStart);
      parts.push({ type: 'field', name: field[1]!.toLowerCase(), value: text, negated, start, end });
      i = end;
      continue;
    }
    const { text, end } = readBare(input, i);
    parts.push({ type: 'text', text, negated, start, end });
    i = end;
  }
  return parts;
}

/** A quoted string starting at the opening quote; an unclosed quote runs to the end of the query. */
function readQuoted(input: string, open: number): { text: string; end: number } {
  let close = open + 1;
  while (close < input.length && !QUOTES.includes(input[close]!)) close++;
  return { text: input.slice(open + 1, close), end: Math.min(close + 1, input.length) };
}

function readBare(input: string, from: number): { text: string; end: number } {
  let end = from;
  while (end < input.length && !isSpace(input[end]!)) end++;
  return { text: input.slice(from, end), end };
}
