// Pieces every command shares: reading and validating the main text, turning search hits and
// evidence into quote blocks, and the More / Post buttons.
import type { Evidence } from '../src/check/types.ts';
import { plural } from '../src/chat/format.ts';
import type { Citation, Invocation, OptionDefinition, Reply, ReplyAction, ReplyBlock } from '../src/chat/model.ts';
import type { Hit } from '../src/search/types.ts';

/** Longest query, claim or topic accepted: longer input is a paste of an article, not a question. */
export const MAX_INPUT_LENGTH = 500;

/** Results per page in chat: enough to judge, few enough to read on a phone. */
export const PAGE_SIZE = 5;

export const PUBLIC_OPTION: OptionDefinition = {
  name: 'public',
  description: 'Post the answer in the channel for everyone (default: only you see it)',
  type: 'boolean',
  required: false,
};

export function textOptionDefinition(name: string, description: string): OptionDefinition {
  return { name, description, type: 'string', required: true, maxLength: MAX_INPUT_LENGTH };
}

export function messageReply(text: string): Reply {
  return { blocks: [{ type: 'text', text }], summary: text };
}

/**
 * The command's main text, trimmed, or a reply explaining what is wrong with it.
 * `noun` names the input in messages ("query", "claim"); `example` shows a valid use.
 */
export function readText(
  invocation: Invocation,
  option: string,
  noun: string,
  example: string,
): { text: string } | { problem: Reply } {
  const raw = invocation.options[option];
  const text = (typeof raw === 'string' ? raw : raw === undefined ? '' : String(raw)).trim();
  if (text.length === 0) {
    return { problem: messageReply(`Please give a ${noun}, for example: ${example}`) };
  }
  if (text.length > MAX_INPUT_LENGTH) {
    return {
      problem: messageReply(
        `That ${noun} is ${text.length} characters long; the limit is ${MAX_INPUT_LENGTH}. ` +
          `Please shorten it to the words that matter.`,
      ),
    };
  }
  return { text };
}

function kindLabel(kind: Hit['kind']): string | null {
  if (kind === 'caption') return 'photo caption';
  if (kind === 'headline') return 'headline';
  return null;
}

function citationOf(hit: Hit, label: string | null): Citation {
  const citation: Citation = {
    publisher: hit.article.publisher,
    published: hit.article.published,
    dateInferred: hit.article.dateInferred,
    title: hit.article.title,
    url: hit.article.url,
  };
  return label ? { ...citation, label } : citation;
}

export function hitBlock(hit: Hit): ReplyBlock {
  return { type: 'quote', text: hit.text, highlights: hit.highlights, citation: citationOf(hit, kindLabel(hit.kind)) };
}

/** "quote · Putin", "reported · Peskov", "outlet's own text", plus "photo caption" for captions. */
export function evidenceLabel(evidence: Evidence): string {
  const statement =
    evidence.type === 'text'
      ? "outlet's own text"
      : evidence.speaker
        ? `${evidence.type} · ${evidence.speaker}`
        : evidence.type;
  const kind = kindLabel(evidence.kind);
  return kind ? `${statement} · ${kind}` : statement;
}

export function evidenceBlock(evidence: Evidence): ReplyBlock {
  return {
    type: 'quote',
    text: evidence.text,
    highlights: evidence.highlights,
    citation: citationOf(evidence, evidenceLabel(evidence)),
  };
}

/**
 * More (when `nextOffset` is not null) and Post to channel (dispatch drops it from public answers).
 * Returns no block when there is nothing to offer.
 */
export function pagingActions(command: string, text: string, offset: number, nextOffset: number | null): ReplyBlock[] {
  const actions: ReplyAction[] = [];
  if (nextOffset !== null) {
    actions.push({ action: 'more', label: 'More', command, state: { text, offset: nextOffset }, style: 'primary' });
  }
  actions.push({ action: 'post', label: 'Post to channel', command, state: { text, offset }, style: 'secondary' });
  return [{ type: 'actions', actions }];
}

/** "3 publishers": distinct names among the items (the checker counts independent ones only for strong evidence). */
export function publisherCount(items: readonly Hit[]): string {
  return plural(new Set(items.map((item) => item.article.publisher)).size, 'publisher');
}
