import { describe, expect, it } from 'vitest';
import { MORE_HINT, renderForTerminal, shouldUseColor } from '../../../src/adapters/console/render.ts';
import type { Reply } from '../../../src/chat/model.ts';

// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[/;

const sentence = 'Kremlin deputy chief of staff Dmitry Kozak was said to have secured a deal.';
const reply: Reply = {
  summary: 'Quotes',
  blocks: [
    { type: 'header', text: 'Quotes for “Kozak”' },
    {
      type: 'quote',
      text: sentence,
      highlights: [[37, 42]],
      citation: {
        publisher: 'The Moscow Times',
        published: '2022-09-14',
        dateInferred: false,
        title: 'Putin Rejected Early Ukraine Peace Deal',
        url: 'https://www.themoscowtimes.com/a78787',
        label: 'photo caption',
      },
    },
    { type: 'fields', fields: [{ label: 'Articles', value: '5' }, { label: 'Publishers', value: '4' }] },
    { type: 'context', text: 'showing 1-5 of 7' },
    {
      type: 'actions',
      actions: [
        { action: 'more', label: 'More', command: 'quote', state: { text: 'Kozak', offset: 5 } },
        { action: 'post', label: 'Post to channel', command: 'quote', state: { text: 'Kozak', offset: 0 } },
      ],
    },
  ],
};

describe('renderForTerminal', () => {
  it('prints the verbatim sentence, its labelled citation and link, without colour codes when plain', () => {
    const out = renderForTerminal(reply, { color: false });
    expect(out).not.toMatch(ANSI_ESCAPE);
    expect(out).toContain(sentence);
    expect(out).toContain('photo caption · The Moscow Times · 2022-09-14');
    expect(out).toContain('https://www.themoscowtimes.com/a78787');
    expect(out).toContain('showing 1-5 of 7');
    expect(out).toMatch(/Articles\s+5/);
    expect(out).toContain(MORE_HINT);
    expect(out).not.toContain('Post to channel');
  });

  it('marks exactly the highlighted words in colour mode', () => {
    const out = renderForTerminal(reply, { color: true });
    expect(out).toMatch(ANSI_ESCAPE);
    expect(out).toContain('\u001b[1m\u001b[33mKozak\u001b[0m');
    // Stripping the colour gives back the plain rendering.
    // eslint-disable-next-line no-control-regex
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderForTerminal(reply, { color: false }));
  });

  it('drops control characters that could drive the terminal', () => {
    const hostile: Reply = { summary: '', blocks: [{ type: 'text', text: 'ok\u001b]0;pwned\u0007 done' }] };
    expect(renderForTerminal(hostile, { color: false })).toBe('ok]0;pwned done\n');
  });

  it('omits the More hint when there is no next page', () => {
    const last: Reply = { ...reply, blocks: reply.blocks.filter((b) => b.type !== 'actions') };
    expect(renderForTerminal(last, { color: false })).not.toContain(MORE_HINT);
  });
});

describe('shouldUseColor', () => {
  it('uses colour only on a TTY and only when NO_COLOR is unset or empty', () => {
    expect(shouldUseColor({ isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor({ isTTY: false }, {})).toBe(false);
    expect(shouldUseColor({}, {})).toBe(false);
  });
});
