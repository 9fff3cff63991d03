// The Discord renderer at each platform limit: exactly at the limit passes untouched, one past it is
// cut with "…" and a note, and no reply of any shape yields a body Discord would reject. Limits are
// checked by the fake's independent validator (tests/fakes/discord.ts), not by the adapter's constants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAction } from '../../../src/chat/action-codec.ts';
import type { Citation, Reply, ReplyAction, ReplyBlock } from '../../../src/chat/model.ts';
import { embedCharacters, renderReply } from '../../../src/adapters/discord/render.ts';
import { discordMessageProblems } from '../../fakes/discord.ts';
import { rawMarkdown, unescapeMarkdown } from './visible-text.ts';

const citation: Citation = {
  publisher: 'Example News',
  published: '2024-05-01',
  dateInferred: false,
  title: 'Talks in Berlin',
  url: 'https://example.com/talks',
};

const reply = (...blocks: ReplyBlock[]): Reply => ({ blocks, summary: 'summary' });
const text = (t: string): ReplyBlock => ({ type: 'text', text: t });
const quote = (t: string, highlights: Array<[number, number]> = [], c: Citation = citation): ReplyBlock => ({ type: 'quote', text: t, highlights, citation: c });
const letters = (n: number, ch = 'a') => ch.repeat(n);
const footerOf = (body: ReturnType<typeof renderReply>) => body.embeds.map((e) => e.footer?.text ?? '').join('\n');
const totalCharacters = (body: ReturnType<typeof renderReply>) => body.embeds.reduce((sum, e) => sum + embedCharacters(e), 0);

describe('renderReply at Discord limits', () => {
  it('keeps a 4096-character description whole and cuts a 4097-character one with … and a note', () => {
    const exact = renderReply(reply(text(letters(4096))));
    expect(exact.embeds).toHaveLength(1);
    expect(exact.embeds[0]?.description).toBe(letters(4096));
    expect(footerOf(exact)).toBe('');

    const over = renderReply(reply(text(letters(4097))));
    expect(discordMessageProblems(over)).toEqual([]);
    expect(over.embeds[0]?.description?.length).toBeLessThanOrEqual(4096);
    expect(over.embeds[0]?.description?.endsWith('…')).toBe(true);
    expect(footerOf(over)).toMatch(/cut to fit/);
  });

  it('keeps a 256-character title and cuts a 257-character one', () => {
    expect(renderReply(reply({ type: 'header', text: letters(256) })).embeds[0]?.title).toBe(letters(256));
    const cut = renderReply(reply({ type: 'header', text: letters(257) })).embeds[0]?.title ?? '';
    expect(cut.length).toBeLessThanOrEqual(256);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('puts 25 fields in one embed and spreads 26 over two, in order, with names and values at their limits', () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `f${i}`, value: `v${i}` }));
    const exact = renderReply(reply({ type: 'fields', fields: fields(25) }));
    expect(exact.embeds).toHaveLength(1);
    expect(exact.embeds[0]?.fields).toHaveLength(25);

    const over = renderReply(reply({ type: 'fields', fields: fields(26) }));
    expect(discordMessageProblems(over)).toEqual([]);
    expect(over.embeds.flatMap((e) => e.fields ?? []).map((f) => f.name)).toEqual(fields(26).map((f) => f.label));

    const sized = renderReply(reply({ type: 'fields', fields: [{ label: letters(256), value: letters(1024) }, { label: letters(257), value: letters(1025) }] }));
    const [atLimit, overLimit] = sized.embeds[0]?.fields ?? [];
    expect(atLimit).toEqual({ name: letters(256), value: letters(1024) });
    expect(overLimit?.name.length).toBeLessThanOrEqual(256);
    expect(overLimit?.value.length).toBeLessThanOrEqual(1024);
    expect(overLimit?.value.endsWith('…')).toBe(true);
  });

  it('sends exactly 6000 characters across embeds untouched and cuts 6001', () => {
    const blocks = (last: number) => [{ type: 'header', text: letters(256) } as const, text(letters(4096)), text(letters(last, 'b'))];
    const exact = renderReply(reply(...blocks(1648)));
    expect(totalCharacters(exact)).toBe(6000);
    expect(exact.embeds.map((e) => e.description)).toEqual([letters(4096), letters(1648, 'b')]);

    const over = renderReply(reply(...blocks(1649)));
    expect(discordMessageProblems(over)).toEqual([]);
    expect(totalCharacters(over)).toBeLessThanOrEqual(6000);
    expect(footerOf(over)).toMatch(/cut to fit/);
  });

  it('shows as many of 31 long quotes as fit and says "Showing N of 31"', () => {
    const quotes = Array.from({ length: 31 }, (_, i) => quote(`Sentence number ${i}: ${letters(400, 'x')}.`));
    const body = renderReply(reply({ type: 'header', text: 'Quotes' }, ...quotes, { type: 'context', text: 'showing 1-31 of 31' }));
    expect(discordMessageProblems(body)).toEqual([]);
    const shown = body.embeds.flatMap((e) => e.description?.match(/Sentence number \d+/g) ?? []);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(31);
    expect(shown).toEqual(shown.map((_, i) => `Sentence number ${i}`));
    expect(footerOf(body)).toContain(`Showing ${shown.length} of 31 quotes`);
    expect(footerOf(body)).toContain('showing 1-31 of 31');
  });

  it('never uses more than 10 embeds', () => {
    const blocks = Array.from({ length: 12 }, (_, i) => [{ type: 'header', text: `Part ${i}` } as const, text('body')]).flat();
    const body = renderReply(reply(...blocks));
    expect(body.embeds).toHaveLength(10);
    expect(footerOf(body)).toMatch(/cut to fit/);
  });

  it('keeps every custom_id within 100 characters for a 1000-character query, and the button still decodes', () => {
    const query = `Kozak ${letters(994, 'q')}`;
    const actions: ReplyAction[] = [
      { action: 'more', label: 'More', command: 'quote', state: { text: query, offset: 5 } },
      { action: 'post', label: letters(100, 'L'), command: 'quote', state: { text: query, offset: 0 } },
    ];
    const body = renderReply(reply(text('x'), { type: 'actions', actions }));
    const buttons = body.components.flatMap((row) => row.components);
    expect(buttons).toHaveLength(2);
    for (const button of buttons) expect(button.custom_id.length).toBeLessThanOrEqual(100);
    expect(buttons[1]?.label?.length).toBeLessThanOrEqual(80);
    expect(decodeAction(buttons[0]?.custom_id ?? '')).toEqual({ action: 'more', command: 'quote', state: { text: query, offset: 5 } });
  });

  it('puts at most 5 buttons in a row and 5 rows in a message', () => {
    const actions: ReplyAction[] = Array.from({ length: 30 }, (_, i) => ({ action: 'more', label: `P${i}`, command: 'quote', state: { text: 'q', offset: i } }));
    const body = renderReply(reply(text('x'), { type: 'actions', actions }));
    expect(body.components).toHaveLength(5);
    expect(body.components.every((row) => row.components.length === 5)).toBe(true);
  });
});

describe('renderReply content safety', () => {
  const hostile = '@everyone look <@123> and <@&456> in <#789> [click](https://evil.example) **loud** `code` @here';

  it('neutralises mentions and Markdown in corpus text, user input and titles', () => {
    const body = renderReply(
      reply({ type: 'header', text: `Quotes for "${hostile}"` }, text(`You asked: ${hostile}`), quote(hostile, [[15, 21]], { ...citation, title: hostile, publisher: '<@1> News' })),
    );
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const rendered = body.embeds.map((e) => `${e.title}\n${e.description}`).join('\n');
    expect(rendered).not.toMatch(/(?<!\\)<[@#]/);
    expect(rendered).not.toMatch(/@(everyone|here)/);
    expect(rendered).not.toMatch(/(?<!\\)\[click(?<!\\)\]/);
    // The bot's own bold (the highlight) survives; the corpus text's ** does not.
    expect(rendered).toContain(String.raw`**\<@123\>**`);
    expect(rendered).toContain('\\*\\*loud\\*\\*');
  });

  it('cites publisher, date and a working link under each quote, and drops non-http links', () => {
    const body = renderReply(reply(quote('He said so.', [], { ...citation, url: 'https://example.com/a_(b)' }), quote('Other.', [], { ...citation, url: 'javascript:alert(1)' })));
    const description = body.embeds[0]?.description ?? '';
    expect(description).toContain('> He said so.');
    expect(description).toContain('Example News · 2024-05-01 · [Talks in Berlin](https://example.com/a_%28b%29)');
    expect(description).not.toContain('javascript:');
  });

  it('bolds highlights, merging overlapping ranges and skipping their edge spaces', () => {
    const body = renderReply(reply(quote('Kozak met Yermak in Berlin', [[0, 5], [3, 10], [19, 26]])));
    expect(body.embeds[0]?.description).toContain('> **Kozak met** Yermak in **Berlin**');
  });

  it('answers with content when a reply has no blocks', () => {
    const body = renderReply({ blocks: [], summary: 'Nothing @everyone' });
    expect(body.content).toBe('Nothing @\u200beveryone');
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('renderReply for any reply', () => {
  const anyText = fc.string({ unit: 'grapheme', maxLength: 1500 });
  const anyBlock: fc.Arbitrary<ReplyBlock> = fc.oneof(
    fc.record({ type: fc.constant('header' as const), text: anyText }),
    fc.record({ type: fc.constant('text' as const), text: fc.string({ maxLength: 5000 }) }),
    fc.record({ type: fc.constant('context' as const), text: anyText }),
    fc.record({
      type: fc.constant('quote' as const),
      text: anyText,
      highlights: fc.array(fc.tuple(fc.nat(1600), fc.nat(1600))),
      citation: fc.record({ publisher: anyText, published: fc.constant('2024-01-01'), dateInferred: fc.boolean(), title: anyText, url: fc.option(fc.webUrl()) }),
    }),
    fc.record({ type: fc.constant('fields' as const), fields: fc.array(fc.record({ label: fc.string({ maxLength: 300 }), value: fc.string({ maxLength: 1100 }) }), { maxLength: 30 }) }),
  );

  it('never produces a body Discord would reject', () => {
    fc.assert(
      fc.property(fc.array(anyBlock, { maxLength: 40 }), fc.string(), (blocks, summary) => {
        const body = renderReply({ blocks, summary });
        expect(discordMessageProblems(body)).toEqual([]);
        expect(body.allowed_mentions).toEqual({ parse: [] });
        expect(body.embeds.length > 0 || (body.content ?? '').length > 0).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('renderReply escaping for any text', () => {
  const fragments = ['@everyone', '@here', '<@1>', '<@&2>', '<#3>', '</cmd:4>', '[a](https://x.example)', '**', '__', '~~', '||', '`', '\\', '-# ', '# ', '1. ', '> ', 'x', ' ', '\n'];
  const hostileText = fc.array(fc.constantFrom(...fragments), { maxLength: 30 }).map((parts) => parts.join(''));

  it('shows text verbatim and lets nothing in it format, link or mention', () => {
    fc.assert(
      fc.property(hostileText, fc.array(fc.tuple(fc.nat(200), fc.nat(200)), { maxLength: 3 }), (input, highlights) => {
        const plain = renderReply(reply(text(input)));
        if (input.trim()) expect(unescapeMarkdown(plain.embeds[0]?.description ?? '')).toBe(input);
        const body = renderReply(reply({ type: 'header', text: input }, text(input), quote(input, highlights, { ...citation, title: input, publisher: input })));
        const markdown = rawMarkdown(body);
        expect(markdown).not.toMatch(/(?<!\\)</);
        expect(markdown).not.toMatch(/@(everyone|here)/);
        expect(markdown).not.toMatch(/(?<!\\)\[a(?<!\\)\]/);
        expect(markdown).not.toMatch(/^(> )?(-#|#|\d+\.) /m);
      }),
      { numRuns: 300 },
    );
  });
});
