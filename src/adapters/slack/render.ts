// A neutral Reply → one Slack message (Block Kit blocks + fallback text) that Slack will accept: at most
// 50 blocks and about 12k characters of block text. A longer answer loses its last quotes (or the end of a
// long text) and says so in a "showing 3 of 5 quotes" note; it is never sent over the limits.
import type { Reply } from '../../chat/model.ts';
import { mrkdwnFromPlain } from './escape.ts';
import { MAX_BLOCKS_PER_MESSAGE, MAX_BLOCK_TEXT_TOTAL, MAX_FALLBACK_TEXT } from './limits.ts';
import { contextBlock, fitTransformed, renderUnit, type RenderedUnit, type SlackBlock } from './render-blocks.ts';

export type { SlackBlock } from './render-blocks.ts';

export interface SlackMessage {
  /** Notification and accessibility fallback; Slack shows the blocks. */
  text: string;
  blocks: SlackBlock[];
}

function textObjectLength(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const text = (value as { text?: unknown }).text;
  return typeof text === 'string' ? text.length : 0;
}

/** The characters Slack counts towards `msg_blocks_too_long`: every text object in the block. */
export function blockTextLength(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return textObjectLength(block.text) + (block.fields ?? []).reduce((sum, field) => sum + field.text.length, 0);
    case 'context':
      return block.elements.reduce((sum, element) => sum + textObjectLength(element), 0);
    case 'actions':
      return block.elements.reduce((sum, element) => sum + textObjectLength(element.type === 'button' ? element.text : null), 0);
    default:
      return 0;
  }
}

export function messageTextLength(blocks: readonly SlackBlock[]): number {
  return blocks.reduce((sum, block) => sum + blockTextLength(block), 0);
}

function unitSize(units: readonly RenderedUnit[]): { blocks: number; text: number } {
  const blocks = units.flatMap((unit) => unit.blocks);
  return { blocks: blocks.length, text: messageTextLength(blocks) };
}

/** Room kept for the note that says what was left out. */
const NOTE_RESERVE = 200;

function omissionNote(keptQuotes: number, totalQuotes: number): string {
  const what = totalQuotes > keptQuotes ? `Showing ${keptQuotes} of ${totalQuotes} quotes here` : 'The answer was shortened';
  return `${what}: the rest does not fit in one Slack message.`;
}

/** Drops content from the end (buttons stay) until the message fits, and notes what went. */
function fitMessage(units: RenderedUnit[]): SlackBlock[] {
  const fits = (list: readonly RenderedUnit[], reserveBlocks: number, reserveText: number) => {
    const size = unitSize(list);
    return size.blocks + reserveBlocks <= MAX_BLOCKS_PER_MESSAGE && size.text + reserveText <= MAX_BLOCK_TEXT_TOTAL;
  };
  if (fits(units, 0, 0)) return units.flatMap((unit) => unit.blocks);

  const totalQuotes = units.filter((unit) => unit.kind === 'quote').length;
  const kept = units.map((unit) => ({ ...unit, blocks: [...unit.blocks] }));
  while (!fits(kept, 1, NOTE_RESERVE)) {
    // Prefer dropping the last quote; then the end of whatever content comes last.
    let index = kept.map((unit) => unit.kind).lastIndexOf('quote');
    if (index === -1) index = kept.findLastIndex((unit) => unit.kind === 'other' && unit.blocks.length > 0);
    if (index === -1) break; // only buttons left: cannot happen within 50 blocks of 25 buttons each
    const unit = kept[index] as RenderedUnit;
    if (unit.kind === 'other' && unit.blocks.length > 1) {
      unit.blocks.pop();
    } else {
      kept.splice(index, 1);
    }
  }
  const keptQuotes = kept.filter((unit) => unit.kind === 'quote').length;
  const note = contextBlock(omissionNote(keptQuotes, totalQuotes));
  // The note goes before the trailing buttons, next to the content it describes.
  let insertAt = kept.length;
  while (insertAt > 0 && kept[insertAt - 1]?.kind === 'actions') insertAt -= 1;
  kept.splice(insertAt, 0, { kind: 'other', blocks: [note] });
  return kept.flatMap((unit) => unit.blocks);
}

export function renderReply(reply: Reply): SlackMessage {
  let buttonIndex = 0;
  const units = reply.blocks.map((block) => {
    const unit = renderUnit(block, buttonIndex);
    if (block.type === 'actions') buttonIndex += block.actions.length;
    return unit;
  });
  const summary = reply.summary.trim() || 'factbot';
  return {
    text: fitTransformed(summary, MAX_FALLBACK_TEXT, (t) => mrkdwnFromPlain(t)),
    blocks: fitMessage(units.filter((unit) => unit.blocks.length > 0)),
  };
}
