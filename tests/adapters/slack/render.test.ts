// The Block Kit renderer at Slack's exact limits, and what corpus text or user input may not turn into.
import { describe, expect, it } from 'vitest';
import { MAX_BLOCKS_PER_MESSAGE, MAX_BLOCK_TEXT_TOTAL, MAX_BUTTON_TEXT, MAX_BUTTON_VALUE, MAX_HEADER_TEXT, MAX_SECTION_TEXT } from '../../../src/adapters/slack/limits.ts';
import { renderReply, type SlackBlock } from '../../../src/adapters/slack/render.ts';
import { decodeAction } from '../../../src/chat/action-codec.ts';
import type { Citation, Reply, ReplyAction, ReplyBlock } from '../../../src/chat/model.ts';

const citation: Citation = { publisher: 'Reuters', published: '2023-02-28', dateInferred: false, title: 'Kremlin open to talks', url: 'https://www.reuters.com/world/a-1' };

function reply(...blocks: ReplyBlock[]): Reply {
  return { blocks, summary: 'summary' };
}

/** Every string under a `text` key, walked independently of the renderer's own counting. */
function texts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(texts);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'text' && typeof inner === 'string' ? [inner] : texts(inner)));
}

function sectionTexts(blocks: SlackBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

/** `length` characters of words, no characters Slack escapes or formats. */
function words(length: number, seed = 'word'): string {
  return `${seed} `.repeat(Math.ceil(length / (seed.length + 1))).slice(0, length - 1) + 'x';
}

const more: ReplyAction = { action: 'more', label: 'More', command: 'quote', state: { text: 'Kozak', offset: 5 }, style: 'primary' };

describe('section text: 3000 characters', () => {
  it('keeps a text of exactly 3000 characters in one section, unchanged', () => {
    const text = words(MAX_SECTION_TEXT);
    expect(sectionTexts(renderReply(reply({ type: 'text', text })).blocks)).toEqual([text]);
  });

  it('splits a text of 3001 characters into sections that each fit, losing nothing', () => {
    const text = words(MAX_SECTION_TEXT + 1);
    const sections = sectionTexts(renderReply(reply({ type: 'text', text })).blocks);
    expect(sections.length).toBe(2);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(sections.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('counts the escaped length: 1000 ampersands (5000 escaped) take two sections', () => {
    const sections = sectionTexts(renderReply(reply({ type: 'text', text: '&'.repeat(1000) })).blocks);
    expect(sections.length).toBe(2);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(sections.join('')).toBe('&amp;'.repeat(1000));
  });

  it('keeps a quote whose section is exactly 3000 characters, and cuts a longer one with "…"', () => {
    const fits = words(MAX_SECTION_TEXT - 1); // the section adds the ">" quote marker
    expect(sectionTexts(renderReply(reply({ type: 'quote', text: fits, highlights: [], citation })).blocks)).toEqual([`>${fits}`]);
    const tooLong = words(MAX_SECTION_TEXT);
    const [cut] = sectionTexts(renderReply(reply({ type: 'quote', text: tooLong, highlights: [[0, 4]], citation })).blocks);
    expect(cut?.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(cut?.endsWith('…')).toBe(true);
    expect(cut?.startsWith('>*word*')).toBe(true);
  });
});

describe('header: 150 characters, button text: 75', () => {
  function headerText(text: string): string {
    const block = renderReply(reply({ type: 'header', text })).blocks[0];
    return block?.type === 'header' ? block.text.text : '';
  }

  it('keeps exactly 150 and cuts 151 with "…"', () => {
    expect(headerText(words(MAX_HEADER_TEXT))).toBe(words(MAX_HEADER_TEXT));
    const cut = headerText(words(MAX_HEADER_TEXT + 1));
    expect(cut.length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('keeps the escaped header within 150', () => {
    expect(headerText('<&>'.repeat(60)).length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
  });

  function buttonText(label: string): string {
    const block = renderReply(reply({ type: 'actions', actions: [{ ...more, label }] })).blocks[0];
    const button = block?.type === 'actions' ? block.elements[0] : undefined;
    return button?.type === 'button' ? button.text.text : '';
  }

  it('keeps exactly 75 and cuts 76 with "…"', () => {
    expect(buttonText(words(MAX_BUTTON_TEXT))).toBe(words(MAX_BUTTON_TEXT));
    const cut = buttonText(words(MAX_BUTTON_TEXT + 1));
    expect(cut.length).toBeLessThanOrEqual(MAX_BUTTON_TEXT);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('buttons', () => {
  it('carries the action in a value of at most 2000 characters that decodes back, even for a long query', () => {
    const longQuery = 'q'.repeat(MAX_BUTTON_VALUE + 10);
    const block = renderReply(reply({ type: 'actions', actions: [{ ...more, state: { text: longQuery, offset: 5 } }, { ...more, action: 'post', label: 'Post' }] })).blocks[0];
    const buttons = block?.type === 'actions' ? block.elements : [];
    const [first, second] = buttons.map((b) => (b.type === 'button' ? b : null));
    expect(first?.value?.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
    expect(decodeAction(first?.value ?? '')).toEqual({ action: 'more', command: 'quote', state: { text: longQuery, offset: 5 } });
    // Distinct action ids, readable without decoding, within 255 characters.
    expect([first?.action_id, second?.action_id]).toEqual(['factbot.more.0', 'factbot.post.1']);
  });
});

describe('the whole message: 50 blocks, ~12k characters', () => {
  const quote = (i: number): ReplyBlock => ({ type: 'quote', text: `Sentence number ${i}.`, highlights: [], citation });

  it('keeps a message of exactly 50 blocks as it is', () => {
    // header + 24 quotes (sentence + citation each) + buttons = 50
    const blocks = renderReply(reply({ type: 'header', text: 'Quotes' }, ...Array.from({ length: 24 }, (_, i) => quote(i)), { type: 'actions', actions: [more] })).blocks;
    expect(blocks.length).toBe(MAX_BLOCKS_PER_MESSAGE);
    expect(JSON.stringify(blocks)).not.toContain('does not fit');
  });

  it('drops the last quotes of a 51-block message, says how many are shown, and keeps the buttons', () => {
    const blocks = renderReply(reply({ type: 'header', text: 'Quotes' }, ...Array.from({ length: 25 }, (_, i) => quote(i)), { type: 'actions', actions: [more] })).blocks;
    expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
    const shown = sectionTexts(blocks).filter((t) => t.startsWith('>'));
    expect(shown[0]).toBe('>Sentence number 0.');
    expect(shown.at(-1)).toBe(`>Sentence number ${shown.length - 1}.`);
    // As many as fit next to the header, the note and the buttons.
    expect(1 + 2 * (shown.length + 1) + 2).toBeGreaterThan(MAX_BLOCKS_PER_MESSAGE);
    expect(texts(blocks.at(-2))).toEqual([`Showing ${shown.length} of 25 quotes here: the rest does not fit in one Slack message.`]);
    expect(blocks.at(-1)?.type).toBe('actions');
  });

  it('keeps exactly 12 000 characters of block text, and shortens 12 001 with a note', () => {
    const texts4 = [0, 1, 2, 3].map((i): ReplyBlock => ({ type: 'text', text: words(3000, `w${i}`) }));
    const exact = renderReply(reply(...texts4)).blocks;
    expect(texts(exact).join('').length).toBe(MAX_BLOCK_TEXT_TOTAL);
    expect(exact.length).toBe(4);

    const over = renderReply(reply(...texts4, { type: 'context', text: 'y' })).blocks;
    expect(texts(over).join('').length).toBeLessThanOrEqual(MAX_BLOCK_TEXT_TOTAL);
    expect(sectionTexts(over)[0]).toBe(words(3000, 'w0'));
    expect(texts(over.at(-1))).toEqual(['The answer was shortened: the rest does not fit in one Slack message.']);
  });

  it('puts more than 10 fields into several sections, each field within 2000 characters', () => {
    const fields = Array.from({ length: 11 }, (_, i) => ({ label: `/cmd${i}`, value: `does thing ${i}` }));
    const sections = renderReply(reply({ type: 'fields', fields })).blocks;
    expect(sections.map((b) => (b.type === 'section' ? (b.fields ?? []).length : 0))).toEqual([10, 1]);
    expect(texts(sections)[10]).toBe('*/cmd10*\ndoes thing 10');

    const [long] = texts(renderReply(reply({ type: 'fields', fields: [{ label: 'L', value: 'x'.repeat(2500) }] })).blocks);
    expect(long?.length).toBeLessThanOrEqual(2000);
    expect(long?.endsWith('…')).toBe(true);
  });
});

describe('nothing becomes a mention, a link or formatting', () => {
  const injections = ['<!channel>', '<@U123>', '<!here>', '<https://evil.example|x>'];

  it('escapes corpus text in quotes and user input in headers, context and fallback text', () => {
    const hostile = `Kozak said ${injections.join(' ')} & more`;
    const message = renderReply({
      blocks: [
        { type: 'header', text: `Quotes for "${hostile}"` },
        { type: 'quote', text: hostile, highlights: [[0, 5]], citation: { ...citation, publisher: 'Evil <!channel> News', title: hostile } },
        { type: 'context', text: `Claim: "${hostile}"` },
        { type: 'text', text: hostile },
      ],
      summary: hostile,
    });
    const all = [message.text, ...texts(message.blocks)];
    const ourLink = '<https://www.reuters.com/world/a-1|Evil &lt;!channel&gt; News>';
    for (const text of all) {
      // Our own markup: the quote marker, the bold highlight and the citation link.
      const withoutOurLink = text.replace(ourLink, '').replace(/^>/, '');
      expect(withoutOurLink).not.toMatch(/[<>]/);
      expect(withoutOurLink).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(all.join('\n')).toContain('&lt;!channel&gt; &lt;@U123&gt; &lt;!here&gt; &lt;https://evil.example|x&gt; &amp; more');
    expect(sectionTexts(message.blocks)[0]).toMatch(/^>\*Kozak\* said /);
  });

  it('links only http(s) corpus URLs, with the characters that would break the link encoded', () => {
    const context = (url: string | null) => texts(renderReply(reply({ type: 'quote', text: 'A.', highlights: [], citation: { ...citation, url } })).blocks[1]).join('');
    expect(context('javascript:alert(1)')).not.toContain('<');
    expect(context(null)).toMatch(/^Reuters · 2023-02-28/);
    expect(context('https://example.org/a|b>c?x=1&y=2')).toContain('<https://example.org/a%7Cb%3Ec?x=1&amp;y=2|Reuters>');
  });

  it('neutralises mrkdwn markers in corpus text that would pair up, leaving single ones alone', () => {
    const [paired] = sectionTexts(renderReply(reply({ type: 'quote', text: 'He said *never* and _ever_.', highlights: [], citation })).blocks);
    expect(paired).not.toMatch(/\*never\*|_ever_/);
    expect(paired?.replace(/\u200B/g, '')).toBe('>He said *never* and _ever_.');
    const [single] = sectionTexts(renderReply(reply({ type: 'text', text: 'snake_case is fine' })).blocks);
    expect(single).toBe('snake_case is fine');
  });

  it('keeps a line of user text from starting a block quote', () => {
    const [section] = sectionTexts(renderReply(reply({ type: 'text', text: 'first\n> not a quote' })).blocks);
    expect(section).toBe('first\n\u200B&gt; not a quote');
  });
});
