// Text that reaches Slack from the corpus or from a user must never turn into a mention, a link or formatting.
//
// Slack parses `<...>` sequences (`<!channel>`, `<@U123>`, `<https://x|y>`) and decodes exactly three entities,
// so escaping `&`, `<` and `>` makes every such sequence display literally
// (https://docs.slack.dev/messaging/formatting-message-text#escaping). The same escaping applies to plain_text.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`; nothing else (Slack decodes only these three). */
export function escapeSlackText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}

/** The mrkdwn markers that pair up: *bold*, _italic_, ~strike~, `code`. */
const MRKDWN_MARKERS = ['*', '_', '~', '`'] as const;

/**
 * Slack offers no backslash escape for mrkdwn, so a zero-width space on both sides of a marker keeps it from
 * pairing with another while the text looks the same. A marker that occurs only once in the text cannot pair,
 * so it is left alone: verbatim text stays byte-for-byte verbatim wherever possible.
 */
const ZERO_WIDTH_SPACE = '\u200B';

/** `force` lists markers to neutralise even when single (our own `*` bold would pair with them). */
export function neutraliseMrkdwn(text: string, force: readonly string[] = []): string {
  let out = text;
  for (const marker of MRKDWN_MARKERS) {
    const first = out.indexOf(marker);
    if (first === -1 || (first === out.lastIndexOf(marker) && !force.includes(marker))) continue;
    out = out.split(marker).join(`${ZERO_WIDTH_SPACE}${marker}${ZERO_WIDTH_SPACE}`);
  }
  return out;
}

/**
 * Plain text (corpus sentences, user input, the bot's own prose) for a mrkdwn field: escaped and formatting
 * neutralised. Line breaks are flattened unless kept; a kept line starting with `&gt;` gets a zero-width
 * space first, so the user's `>` cannot start a block quote.
 */
export function mrkdwnFromPlain(
  text: string,
  options: { keepLineBreaks?: boolean; forceMarkers?: readonly string[] } = {},
): string {
  const flat = options.keepLineBreaks ? text : text.replace(/\s*[\r\n]+\s*/g, ' ');
  const escaped = neutraliseMrkdwn(escapeSlackText(flat), options.forceMarkers);
  return options.keepLineBreaks ? escaped.replace(/^&gt;/gm, `${ZERO_WIDTH_SPACE}&gt;`) : escaped;
}

/**
 * A link target we build ourselves from a corpus URL: only http(s), normalised by the URL parser, with the
 * characters that would end or split Slack's `<url|label>` syntax percent-encoded. Anything else → null.
 */
export function safeLinkUrl(url: string | null): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const href = parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
  return escapeSlackText(href);
}

/** `<url|label>` when the URL is usable, else the escaped label alone. */
export function mrkdwnLink(url: string | null, label: string): string {
  const target = safeLinkUrl(url);
  // A `|` in the label is harmless after the first separator, but dropping it keeps the label unambiguous.
  const text = mrkdwnFromPlain(label.replace(/\|/g, '/'));
  return target ? `<${target}|${text}>` : text;
}
