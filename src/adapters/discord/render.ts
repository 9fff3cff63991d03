// Neutral Reply → Discord message body (embeds + buttons). Whatever the reply holds, the body stays
// within Discord's limits (limits.ts): long answers spread over several embeds, and what still does
// not fit is cut with "…" and a note in the footer, because a body over a limit is rejected whole.
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord-api-types/v10';
import { encodeAction } from '../../chat/action-codec.ts';
import { labelledCitationLine, truncate } from '../../chat/format.ts';
import type { Citation, Reply, ReplyAction } from '../../chat/model.ts';
import {
  ACTION_ROW_BUTTONS_MAX,
  BUTTON_LABEL_MAX,
  CUSTOM_ID_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FOOTER_TEXT_MAX,
  EMBED_TITLE_MAX,
  MESSAGE_ACTION_ROWS_MAX,
  MESSAGE_CONTENT_MAX,
  MESSAGE_EMBEDS_MAX,
  MESSAGE_EMBEDS_TOTAL_MAX,
} from './limits.ts';
import { escapeDiscordMarkdown, fitEscaped, fitRendered, highlightedMarkdown, safeLinkTarget } from './markdown.ts';

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** The JSON body of a Discord message (create, edit or follow-up). `parse: []`: nothing in it can ping anyone. */
export interface DiscordMessageBody {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowed_mentions: { parse: [] };
}

const EMBED_COLOR = 0x3b6ea5;
const PARAGRAPH_SEPARATOR = '\n\n';
/** Below this many characters left in the 6000 budget, a cut block says too little to keep. */
const MIN_USEFUL_CUT = 200;
/** Room kept for the note that says something was cut. */
const CUT_NOTE_RESERVE = 160;

type Unit =
  | { kind: 'title'; text: string }
  | { kind: 'paragraph'; raw: string; render: (text: string, cut: boolean) => string; isQuote: boolean }
  | { kind: 'field'; name: string; value: string };

/** A quote block: the verbatim sentence as a block quote, then its citation and link. */
function quoteParagraph(text: string, highlights: Array<[number, number]>, citation: Citation) {
  const target = safeLinkTarget(citation.url);
  const title = escapeDiscordMarkdown(truncate(citation.title, EMBED_TITLE_MAX));
  const source = `— ${escapeDiscordMarkdown(labelledCitationLine(citation))}${target ? ` · [${title}](${target})` : ` · ${title}`}`;
  return (shown: string, cut: boolean): string => {
    // A cut sentence ends in "…", which is not part of the original: highlights stop before it.
    const visible = cut ? Math.max(0, shown.length - 1) : shown.length;
    const kept = highlights.map(([s, e]): [number, number] => [Math.min(s, visible), Math.min(e, visible)]);
    const body = cut ? `${highlightedMarkdown(shown.slice(0, visible), kept)}…` : highlightedMarkdown(shown, kept);
    return `${body.split('\n').map((line) => `> ${line}`).join('\n')}\n${source}`;
  };
}

function unitsOf(reply: Reply): { units: Unit[]; footer: string | null; actions: ReplyAction[] } {
  const blocks = reply.blocks.filter((b) => b.type !== 'actions');
  // Small print after the last real content reads best in the footer, where Discord shows it small.
  let firstTrailingContext = blocks.length;
  while (firstTrailingContext > 0 && blocks[firstTrailingContext - 1]?.type === 'context') firstTrailingContext--;
  const trailing = blocks.slice(firstTrailingContext).flatMap((b) => (b.type === 'context' && b.text.trim() ? [b.text.trim()] : []));
  const units: Unit[] = [];
  for (const block of blocks.slice(0, firstTrailingContext)) {
    switch (block.type) {
      case 'header':
        units.push({ kind: 'title', text: block.text });
        break;
      case 'text':
        units.push({ kind: 'paragraph', raw: block.text, render: escapeDiscordMarkdown, isQuote: false });
        break;
      case 'context':
        units.push({ kind: 'paragraph', raw: block.text.trim(), render: (t) => (t ? `*${escapeDiscordMarkdown(t)}*` : ''), isQuote: false });
        break;
      case 'quote':
        units.push({ kind: 'paragraph', raw: block.text, render: quoteParagraph(block.text, block.highlights, block.citation), isQuote: true });
        break;
      case 'fields':
        for (const field of block.fields) units.push({ kind: 'field', name: field.label, value: field.value });
        break;
      default:
        break;
    }
  }
  const actions = reply.blocks.flatMap((b) => (b.type === 'actions' ? b.actions : []));
  return { units, footer: trailing.length > 0 ? trailing.join('\n') : null, actions };
}

/** Characters Discord counts toward the 6000 shared by all embeds of a message. */
export function embedCharacters(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

interface Packed {
  embeds: APIEmbed[];
  /** Units that were left out or cut short. */
  cut: boolean;
  quotesShown: number;
}

function pack(units: Unit[], budget: number): Packed {
  const embeds: APIEmbed[] = [];
  let used = 0;
  let quotesShown = 0;
  let cut = false;
  const last = (): APIEmbed | undefined => embeds[embeds.length - 1];
  const canOpen = (): boolean => embeds.length < MESSAGE_EMBEDS_MAX;
  const open = (): APIEmbed => {
    const embed: APIEmbed = { color: EMBED_COLOR };
    embeds.push(embed);
    return embed;
  };
  // Later units are dropped rather than skipped over, so what is shown keeps the reply's order.
  const stop = (): Packed => ({ embeds, cut: true, quotesShown });

  for (const unit of units) {
    const left = budget - used;
    if (unit.kind === 'title') {
      if (!canOpen() || left < MIN_USEFUL_CUT) return stop();
      const title = fitEscaped(unit.text, Math.min(EMBED_TITLE_MAX, left));
      if (title !== escapeDiscordMarkdown(unit.text)) cut = true;
      open().title = title;
      used += title.length;
    } else if (unit.kind === 'paragraph') {
      const whole = unit.render(unit.raw, false);
      if (whole.length === 0) continue;
      const here = last();
      const separator = here?.description ? PARAGRAPH_SEPARATOR.length : 0;
      // Fields always show below the description: text after fields goes to a new embed to keep the order.
      const hereRoom = here && !here.fields?.length ? EMBED_DESCRIPTION_MAX - (here.description?.length ?? 0) - separator : -1;
      let target: 'here' | 'new';
      let text = whole;
      if (whole.length <= hereRoom && whole.length + separator <= left) target = 'here';
      else if (canOpen() && whole.length <= Math.min(EMBED_DESCRIPTION_MAX, left)) target = 'new';
      else {
        const hereCut = Math.min(hereRoom, left - separator);
        const newCut = canOpen() ? Math.min(EMBED_DESCRIPTION_MAX, left) : -1;
        target = hereCut >= newCut ? 'here' : 'new';
        const room = Math.max(hereCut, newCut);
        if (room < MIN_USEFUL_CUT) return stop();
        text = fitRendered(unit.raw, unit.render, room);
        cut = true;
      }
      if (target === 'here' && here) {
        here.description = here.description ? `${here.description}${PARAGRAPH_SEPARATOR}${text}` : text;
        used += text.length + separator;
      } else {
        open().description = text;
        used += text.length;
      }
      if (unit.isQuote) quotesShown++;
    } else {
      const here = last();
      const needsNew = !here || (here.fields?.length ?? 0) >= EMBED_FIELDS_MAX;
      if (needsNew && !canOpen()) return stop();
      const name = fitEscaped(unit.name, EMBED_FIELD_NAME_MAX) || '\u200b';
      const value = fitEscaped(unit.value, EMBED_FIELD_VALUE_MAX) || '\u200b';
      if (name.length + value.length > left) return stop();
      if (!name.startsWith(escapeDiscordMarkdown(unit.name)) || !value.startsWith(escapeDiscordMarkdown(unit.value))) cut = true;
      const embed = needsNew || !here ? open() : here;
      const field: APIEmbedField = { name, value };
      embed.fields = [...(embed.fields ?? []), field];
      used += name.length + value.length;
    }
  }
  return { embeds, cut, quotesShown };
}

function cutNote(quotesShown: number, quotesTotal: number): string {
  return quotesShown < quotesTotal
    ? `Showing ${quotesShown} of ${quotesTotal} quotes: the rest did not fit in one Discord message.`
    : 'Part of this answer was cut to fit in one Discord message.';
}

function buttonsOf(actions: ReplyAction[]): ButtonRow[] {
  const buttons: APIButtonComponentWithCustomId[] = [];
  const seen = new Set<string>();
  for (const action of actions) {
    const customId = encodeAction(action, CUSTOM_ID_MAX);
    // Discord rejects a message whose custom_ids repeat or exceed the limit.
    if (customId.length > CUSTOM_ID_MAX || seen.has(customId)) continue;
    seen.add(customId);
    buttons.push({
      type: ComponentType.Button,
      style: action.style === 'primary' ? ButtonStyle.Primary : ButtonStyle.Secondary,
      label: truncate(action.label, BUTTON_LABEL_MAX) || '…',
      custom_id: customId,
    });
  }
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < MESSAGE_ACTION_ROWS_MAX; i += ACTION_ROW_BUTTONS_MAX) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + ACTION_ROW_BUTTONS_MAX) });
  }
  return rows;
}

/** The Discord message body for a neutral reply, within every limit in limits.ts. */
export function renderReply(reply: Reply): DiscordMessageBody {
  const { units, footer, actions } = unitsOf(reply);
  // Room is kept in the footer for the cut note, which goes below the reply's own small print.
  const footerText = footer ? truncate(footer, EMBED_FOOTER_TEXT_MAX - CUT_NOTE_RESERVE - 1) : null;
  const quotesTotal = units.filter((u) => u.kind === 'paragraph' && u.isQuote).length;

  let packed = pack(units, MESSAGE_EMBEDS_TOTAL_MAX - (footerText?.length ?? 0));
  let note: string | null = null;
  if (packed.cut) {
    // Second pass with room for the note, so the note itself cannot push the message over the limit.
    const separator = footerText ? 1 : 0;
    packed = pack(units, MESSAGE_EMBEDS_TOTAL_MAX - (footerText?.length ?? 0) - separator - CUT_NOTE_RESERVE);
    note = cutNote(packed.quotesShown, quotesTotal);
  }
  const embeds = packed.embeds;
  // Footers are plain text on Discord (no Markdown, no mentions), so they are not escaped.
  const footerLines = [footerText, note].filter((line): line is string => Boolean(line));
  if (footerLines.length > 0) {
    if (embeds.length === 0) embeds.push({ color: EMBED_COLOR });
    const last = embeds[embeds.length - 1] as APIEmbed;
    last.footer = { text: footerLines.join('\n') };
  }
  const body: DiscordMessageBody = { embeds, components: buttonsOf(actions), allowed_mentions: { parse: [] } };
  // A message needs content or an embed; a reply of buttons only still says what it is about.
  if (embeds.length === 0) body.content = fitEscaped(reply.summary || '…', MESSAGE_CONTENT_MAX);
  return body;
}
