// Wording shared by every renderer (Discord, Slack, console), so a citation or a page count reads the
// same everywhere. Plain text only: each renderer escapes it for its platform.
import type { Citation } from './model.ts';

const ELLIPSIS = '…';

/** "The Moscow Times · 2022-09-14 (date inferred)". */
export function citationLine(citation: Citation): string {
  const date = citation.dateInferred ? `${citation.published} (date inferred)` : citation.published;
  return `${citation.publisher} · ${date}`;
}

/** The citation with its statement label first: "quote · Putin · The Moscow Times · 2022-09-14". */
export function labelledCitationLine(citation: Citation): string {
  return citation.label ? `${citation.label} · ${citationLine(citation)}` : citationLine(citation);
}

/** "showing 1-5 of 31", "showing 6 of 6", or "no results". `shown` counts the results on this page. */
export function showingLine(offset: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return total === 0 ? 'no results' : `showing none of ${total}`;
  const first = offset + 1;
  const last = offset + shown;
  return first === last ? `showing ${first} of ${total}` : `showing ${first}-${last} of ${total}`;
}

/** "1 article", "3 articles". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "2022-09-14 to 2024-06-14", one date when both are equal, "" when unknown. */
export function dateRange(first: string | null, last: string | null): string {
  if (!first || !last) return first ?? last ?? '';
  return first === last ? first : `${first} to ${last}`;
}

/**
 * Shortens `text` to at most `maxLength` characters (UTF-16 units, as platforms count them), cutting
 * at a word boundary when one is near and ending with "…". Text that fits is returned unchanged.
 */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength <= 0) return '';
  if (maxLength === 1) return ELLIPSIS;
  let cut = text.slice(0, maxLength - ELLIPSIS.length);
  // Never split a surrogate pair (an emoji would turn into a replacement character).
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const lastSpace = cut.search(/\s\S*$/);
  // Cut at the last space unless that throws away most of the text (one very long word).
  if (lastSpace > cut.length / 2) cut = cut.slice(0, lastSpace);
  return `${cut.replace(/[\s,;:.-]+$/u, '')}${ELLIPSIS}`;
}
