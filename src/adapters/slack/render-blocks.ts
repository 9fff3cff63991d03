// One neutral ReplyBlock → Slack Block Kit blocks, each within its own limits (section text, fields,
// header, button text, action_id, button value). Fitting the whole message is render.ts's job.
import type { types as SlackTypes } from '@slack/bolt';
import { encodeAction } from '../../chat/action-codec.ts';
import { truncate } from '../../chat/format.ts';
import type { Citation, ReplyAction, ReplyBlock } from '../../chat/model.ts';
import { escapeSlackText, mrkdwnFromPlain, mrkdwnLink } from './escape.ts';
import {
  MAX_ACTIONS_ELEMENTS,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_VALUE,
  MAX_HEADER_TEXT,
  MAX_SECTION_FIELDS,
  MAX_SECTION_FIELD_TEXT,
  MAX_SECTION_TEXT,
  MAX_TEXT_OBJECT,
} from './limits.ts';

export type SlackBlock = SlackTypes.KnownBlock;
type Mrkdwn = SlackTypes.MrkdwnElement;

/** What one neutral block became: `quote` units (sentence + citation) are kept or dropped together. */
export interface RenderedUnit {
  kind: 'quote' | 'actions' | 'other';
  blocks: SlackBlock[];
}

/** Button action ids: the action kind is readable without decoding the value (see inbound.ts). */
export const ACTION_ID_PREFIX = 'factbot';
export function actionId(action: ReplyAction['action'], index: number): string {
  return `${ACTION_ID_PREFIX}.${action}.${index}`;
}

const ALL_MARKERS = ['*', '_', '~', '`'] as const;

/** verbatim: Slack must not auto-link URLs or channel names in text we did not mark up ourselves. */
function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text, verbatim: true };
}

/**
 * The longest `truncate(raw, n)` whose transformed form (escaped, marked up) fits `max`. Escaping only
 * lengthens text, so start at `max` and shrink by the overflow until it fits.
 */
export function fitTransformed(raw: string, max: number, transform: (text: string) => string): string {
  let limit = max;
  for (;;) {
    const candidate = transform(truncate(raw, limit));
    if (candidate.length <= max || limit <= 1) return candidate;
    limit -= Math.max(1, candidate.length - max);
  }
}

/**
 * Splits raw text into pieces whose transformed form fits `max`, cutting at a line break or space where one
 * is near, so a long text becomes several sections instead of being rejected.
 */
export function splitTransformed(raw: string, max: number, transform: (text: string) => string): string[] {
  const pieces: string[] = [];
  let rest = raw.trim();
  while (rest.length > 0) {
    if (transform(rest).length <= max) {
      pieces.push(transform(rest));
      break;
    }
    // Largest prefix that fits: transformed length never shrinks as the prefix grows.
    let low = 1;
    let high = rest.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (transform(rest.slice(0, mid)).length <= max) low = mid;
      else high = mid - 1;
    }
    let cut = low;
    const window = rest.slice(0, low);
    const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    if (breakAt > low * 0.8) cut = breakAt;
    if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    pieces.push(transform(rest.slice(0, cut).trimEnd()));
    rest = rest.slice(cut).trimStart();
  }
  return pieces;
}

function headerBlock(text: string): SlackBlock {
  return { type: 'header', text: { type: 'plain_text', text: fitTransformed(text, MAX_HEADER_TEXT, escapeSlackText), emoji: false } };
}

function textSections(text: string): SlackBlock[] {
  const transform = (t: string) => mrkdwnFromPlain(t, { keepLineBreaks: true });
  return splitTransformed(text, MAX_SECTION_TEXT, transform).map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
}

/** `>` quote of a verbatim sentence, highlights in bold; the sentence's own markers cannot pair with ours. */
export function quoteMrkdwn(text: string, highlights: ReadonlyArray<[number, number]>): string {
  const ranges = [...highlights]
    .map(([start, end]) => [Math.max(0, start), Math.min(text.length, end)] as [number, number])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const plain = (segment: string) => mrkdwnFromPlain(segment, { forceMarkers: ranges.length > 0 ? ALL_MARKERS : [] });
  let out = '';
  let position = 0;
  for (const [start, end] of ranges) {
    if (start < position) continue; // overlapping ranges: the first wins
    out += plain(text.slice(position, start));
    const word = text.slice(start, end);
    // Bold needs the `*` right next to non-space characters.
    const inner = word.trim();
    const lead = word.slice(0, word.length - word.trimStart().length);
    const trail = word.slice(word.trimEnd().length);
    out += inner ? `${plain(lead)}*${plain(inner)}*${plain(trail)}` : plain(word);
    position = end;
  }
  out += plain(text.slice(position));
  return `>${out}`;
}

function quoteSection(text: string, highlights: ReadonlyArray<[number, number]>): SlackBlock {
  // A quote too long for one section is cut with "…": the link below leads to the whole sentence.
  let limit = MAX_SECTION_TEXT;
  for (;;) {
    const cut = truncate(text, limit);
    const kept = cut === text ? text.length : cut.length - 1;
    const clipped = highlights.map(([s, e]) => [s, Math.min(e, kept)] as [number, number]);
    const rendered = quoteMrkdwn(cut, clipped);
    if (rendered.length <= MAX_SECTION_TEXT || limit <= 1) return { type: 'section', text: mrkdwn(rendered) };
    limit -= Math.max(1, rendered.length - MAX_SECTION_TEXT);
  }
}

/** Labels, publishers and titles are short by nature; these caps keep a corrupt record from filling a block. */
const MAX_CITATION_PART = 200;

/** The citation line; the link is built from the corpus URL only, the publisher is its label. */
export function citationMrkdwn(citation: Citation): string {
  const part = (text: string) => fitTransformed(text, MAX_CITATION_PART, (t) => mrkdwnFromPlain(t));
  const date = citation.dateInferred ? `${citation.published} (date inferred)` : citation.published;
  const publisher = citation.publisher.trim() || 'Unknown publisher';
  let source = mrkdwnLink(citation.url, publisher.slice(0, MAX_CITATION_PART));
  // An absurdly long URL would crowd out the line: the publisher's name alone is still a citation.
  if (source.length > MAX_TEXT_OBJECT / 2) source = part(publisher);
  const parts = [citation.label ? part(citation.label) : null, source, part(date), citation.title ? part(citation.title) : null];
  return parts.filter((p): p is string => Boolean(p)).join(' · ');
}

function fieldsSections(fields: ReadonlyArray<{ label: string; value: string }>): SlackBlock[] {
  const texts = fields.map(({ label, value }) => {
    const bold = `*${fitTransformed(label, MAX_CITATION_PART, (t) => mrkdwnFromPlain(t, { forceMarkers: ALL_MARKERS }))}*`;
    const room = MAX_SECTION_FIELD_TEXT - bold.length - 1;
    return mrkdwn(`${bold}\n${fitTransformed(value, room, (t) => mrkdwnFromPlain(t, { keepLineBreaks: true }))}`);
  });
  const sections: SlackBlock[] = [];
  for (let i = 0; i < texts.length; i += MAX_SECTION_FIELDS) {
    sections.push({ type: 'section', fields: texts.slice(i, i + MAX_SECTION_FIELDS) });
  }
  return sections;
}

export function contextBlock(text: string): SlackBlock {
  return { type: 'context', elements: [mrkdwn(fitTransformed(text, MAX_TEXT_OBJECT, (t) => mrkdwnFromPlain(t)))] };
}

function actionsBlocks(actions: readonly ReplyAction[], firstIndex: number): SlackBlock[] {
  const buttons: SlackTypes.Button[] = actions.map((action, i) => ({
    type: 'button',
    action_id: actionId(action.action, firstIndex + i),
    text: { type: 'plain_text', text: fitTransformed(action.label, MAX_BUTTON_TEXT, escapeSlackText), emoji: false },
    value: encodeAction(action, MAX_BUTTON_VALUE),
    // Slack has primary and danger; its default look is our "secondary".
    ...(action.style === 'primary' ? { style: 'primary' as const } : {}),
  }));
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < buttons.length; i += MAX_ACTIONS_ELEMENTS) {
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + MAX_ACTIONS_ELEMENTS) });
  }
  return blocks;
}

/** `buttonIndex` keeps action ids unique across the message's actions blocks. */
export function renderUnit(block: ReplyBlock, buttonIndex: number): RenderedUnit {
  if ('text' in block && block.type !== 'quote' && block.text.trim() === '') return { kind: 'other', blocks: [] };
  switch (block.type) {
    case 'header':
      return { kind: 'other', blocks: [headerBlock(block.text)] };
    case 'text':
      return { kind: 'other', blocks: textSections(block.text) };
    case 'quote':
      return { kind: 'quote', blocks: [quoteSection(block.text, block.highlights), { type: 'context', elements: [mrkdwn(citationMrkdwn(block.citation))] }] };
    case 'fields':
      return { kind: 'other', blocks: fieldsSections(block.fields) };
    case 'context':
      return { kind: 'other', blocks: [contextBlock(block.text)] };
    case 'actions':
      return { kind: 'actions', blocks: actionsBlocks(block.actions, buttonIndex) };
  }
}
