// Properties of the Slack renderer over arbitrary replies: the message always fits every Block Kit limit
// (checked here against Slack's documented numbers, independently of the renderer's own counting), and no
// text from the corpus or a user ever becomes a mention, a link or a broadcast.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/slack/render.ts';
import { decodeAction } from '../../../src/chat/action-codec.ts';
import type { ReplyAction, ReplyBlock } from '../../../src/chat/model.ts';

type Json = Record<string, unknown>;

/** What Slack would reject, per https://docs.slack.dev/reference/block-kit/blocks and the msg_blocks_too_long error. */
function slackProblems(message: { text: string; blocks: unknown[] }): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number | undefined, max: number) => {
    if (length !== undefined && length > max) problems.push(`${what}: ${length} > ${max}`);
  };
  over('blocks', message.blocks.length, 50);
  over('fallback text', message.text.length, 40_000);
  let total = 0;
  const count = (text: unknown) => (typeof text === 'string' ? ((total += text.length), text.length) : undefined);
  for (const [i, raw] of message.blocks.entries()) {
    const block = raw as Json;
    const text = (block.text as Json | undefined)?.text;
    if (block.type === 'header') over(`blocks[${i}] header`, count(text), 150);
    if (block.type === 'section') {
      over(`blocks[${i}] section`, count(text), 3000);
      const fields = (block.fields as Json[] | undefined) ?? [];
      over(`blocks[${i}] fields`, fields.length, 10);
      for (const field of fields) over(`blocks[${i}] field`, count(field.text), 2000);
      if (text === undefined && fields.length === 0) problems.push(`blocks[${i}] section is empty`);
    }
    if (block.type === 'context') {
      const elements = block.elements as Json[];
      over(`blocks[${i}] context elements`, elements.length, 10);
      for (const element of elements) over(`blocks[${i}] context text`, count(element.text), 3000);
    }
    if (block.type === 'actions') {
      const elements = block.elements as Json[];
      over(`blocks[${i}] buttons`, elements.length, 25);
      for (const button of elements) {
        over('button text', count((button.text as Json).text), 75);
        over('button value', (button.value as string).length, 2000);
        over('action_id', (button.action_id as string).length, 255);
      }
    }
  }
  // Undocumented but real: messages with about 12-13k characters of block text fail.
  over('block text in total', total, 12_000);
  return problems;
}

/** Every string Slack shows (all `text` fields at any depth) plus the fallback text. */
function shown(message: { text: string; blocks: unknown[] }): string[] {
  const walk = (value: unknown): string[] => {
    if (Array.isArray(value)) return value.flatMap(walk);
    if (typeof value !== 'object' || value === null) return [];
    return Object.entries(value).flatMap(([key, inner]) => (key === 'text' && typeof inner === 'string' ? [inner] : walk(inner)));
  };
  return [message.text, ...walk(message.blocks)];
}

const anyText = fc.string({ unit: 'grapheme', maxLength: 1500 });
const action: fc.Arbitrary<ReplyAction> = fc.record({
  action: fc.constantFrom('more' as const, 'post' as const),
  label: fc.string({ maxLength: 120 }),
  command: fc.constantFrom('quote', 'check', 'timeline'),
  state: fc.record({ text: fc.string({ maxLength: 600 }), offset: fc.nat(10_000) }),
});
const anyBlock: fc.Arbitrary<ReplyBlock> = fc.oneof(
  fc.record({ type: fc.constant('header' as const), text: anyText }),
  fc.record({ type: fc.constant('text' as const), text: fc.string({ maxLength: 8000 }) }),
  fc.record({ type: fc.constant('context' as const), text: anyText }),
  fc.record({
    type: fc.constant('quote' as const),
    text: anyText,
    highlights: fc.array(fc.tuple(fc.nat(1600), fc.nat(1600)), { maxLength: 4 }),
    citation: fc.record({ publisher: anyText, published: fc.constant('2024-01-01'), dateInferred: fc.boolean(), title: anyText, url: fc.option(fc.webUrl()) }),
  }),
  fc.record({ type: fc.constant('fields' as const), fields: fc.array(fc.record({ label: fc.string({ maxLength: 300 }), value: fc.string({ maxLength: 2500 }) }), { maxLength: 30 }) }),
  fc.record({ type: fc.constant('actions' as const), actions: fc.array(action, { minLength: 1, maxLength: 5 }) }),
);

describe('Slack renderReply for any reply', () => {
  it('never produces a message Slack would reject, and every button still decodes', () => {
    fc.assert(
      fc.property(fc.array(anyBlock, { maxLength: 60 }), fc.string({ maxLength: 5000 }), (blocks, summary) => {
        const message = renderReply({ blocks, summary });
        expect(slackProblems(message)).toEqual([]);
        expect(message.text.length).toBeGreaterThan(0);
        for (const block of message.blocks) {
          if (block.type !== 'actions') continue;
          for (const element of block.elements) {
            if (element.type === 'button') expect(decodeAction(element.value as string)).not.toBeNull();
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('Slack renderReply escaping for any text', () => {
  const fragments = ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<#C1|general>', '<!subteam^S1>', '<https://evil.example|x>', '&', '&lt;', '<', '>', '|', '*', '_', '`', '~', '@channel', 'x', ' ', '\n'];
  const hostile = fc.array(fc.constantFrom(...fragments), { maxLength: 30 }).map((parts) => parts.join(''));
  const url = 'https://www.reuters.com/world/a-1';

  it('lets nothing from the corpus or a user become a mention, a broadcast or a link', () => {
    fc.assert(
      fc.property(hostile, fc.array(fc.tuple(fc.nat(200), fc.nat(200)), { maxLength: 3 }), (input, highlights) => {
        const message = renderReply({
          blocks: [
            { type: 'header', text: input },
            { type: 'text', text: input },
            { type: 'quote', text: input, highlights, citation: { publisher: input, published: '2024-01-01', dateInferred: false, title: input, url } },
            { type: 'context', text: input },
            { type: 'fields', fields: [{ label: input || 'label', value: input || 'value' }] },
          ],
          summary: input,
        });
        for (const text of shown(message)) {
          // The only markup allowed is ours: the quote's leading `>` and the citation link to the corpus URL.
          const withoutOurLink = text.replace(new RegExp(`<${url.replace(/[./]/g, '\\$&')}\\|[^<>]*>`, 'g'), '').replace(/^>/, '');
          expect(withoutOurLink).not.toMatch(/[<>]/);
          expect(withoutOurLink).not.toMatch(/&(?!amp;|lt;|gt;)/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
