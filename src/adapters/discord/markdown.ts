// Discord Markdown for text we did not write (corpus sentences, titles, user input). Every character
// that could start formatting, a masked link or a mention is escaped, so a sentence shows exactly as
// published and `@everyone` or `<@123>` in it stays inert text.
import { truncate } from '../../chat/format.ts';

// Inline syntax anywhere in a line. `<` covers user, role, channel, command, emoji and timestamp
// mentions (`<@1>`, `<@&1>`, `<#1>`, `</a:1>`, `<:e:1>`, `<t:1>`); `[`/`]` cover masked links.
const INLINE_SYNTAX = /[\\*_~`|<>[\]]/g;
// Block syntax that only counts at the start of a line: headings, subtext (-#), bullet lists.
const LINE_START_SYNTAX = /^([ \t]*)(#|-|\+)(?=[ \t#])/gm;
const NUMBERED_LIST = /^([ \t]*)(\d+)\.(?=[ \t])/gm;
// @everyone/@here are not in angle brackets; a zero-width space after @ keeps them from parsing.
const BROADCAST_MENTION = /@(everyone|here)/gi;

/** Escapes `text` so Discord shows it literally. */
export function escapeDiscordMarkdown(text: string): string {
  return text
    .replace(INLINE_SYNTAX, '\\$&')
    .replace(LINE_START_SYNTAX, '$1\\$2')
    .replace(NUMBERED_LIST, '$1$2\\.')
    .replace(BROADCAST_MENTION, '@\u200b$1');
}

/** Sorted, merged, in-bounds ranges with surrounding whitespace trimmed (`** word**` would not render bold). */
export function normaliseHighlights(text: string, highlights: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const [rawStart, rawEnd] of [...highlights].sort((a, b) => a[0] - b[0])) {
    let start = Math.max(0, Math.min(text.length, Math.trunc(rawStart)));
    let end = Math.max(start, Math.min(text.length, Math.trunc(rawEnd)));
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (start === end) continue;
    const last = ranges[ranges.length - 1];
    // Touching ranges merge too: `**a****b**` would not render as intended.
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges;
}

/** Escaped text with the highlighted ranges in **bold**. */
export function highlightedMarkdown(text: string, highlights: ReadonlyArray<readonly [number, number]>): string {
  let out = '';
  let position = 0;
  for (const [start, end] of normaliseHighlights(text, highlights)) {
    out += `${escapeDiscordMarkdown(text.slice(position, start))}**${escapeDiscordMarkdown(text.slice(start, end))}**`;
    position = end;
  }
  return out + escapeDiscordMarkdown(text.slice(position));
}

/**
 * The longest rendering of `raw` (cut with "…" where needed) whose rendered form is at most
 * `maxLength` characters. `render` turns the (possibly cut) raw text into the final string; cutting
 * the raw text rather than the rendering never splits an escape sequence or a `**` pair.
 */
export function fitRendered(raw: string, render: (text: string, cut: boolean) => string, maxLength: number): string {
  const whole = render(raw, false);
  if (whole.length <= maxLength) return whole;
  let low = 0;
  let high = raw.length - 1;
  let best = render('', true);
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const candidate = render(truncate(raw, middle), true);
    if (candidate.length <= maxLength) {
      best = candidate;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  // Only when even the empty text's decoration is too long: a hard cut is still better than a 400.
  return best.length <= maxLength ? best : truncate(best, maxLength);
}

/** Plain text cut to fit, escaped. */
export function fitEscaped(raw: string, maxLength: number): string {
  return fitRendered(raw, (text) => escapeDiscordMarkdown(text), maxLength);
}

/** An http(s) link safe inside `[title](url)`, or null (no link is better than a broken one). */
export function safeLinkTarget(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return null;
  }
}
