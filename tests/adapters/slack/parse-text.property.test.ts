// Properties of Slack's free text → typed options, over arbitrary input: it never throws, the main text is
// what the user typed (whitespace normalised), flags at the edges are read wherever they are, and the
// length cap always answers with a message naming the limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../../commands/check.ts';
import { MAX_INPUT_LENGTH } from '../../../commands/common.ts';
import { quoteCommand } from '../../../commands/quote.ts';
import { sourcesCommand } from '../../../commands/sources.ts';
import { escapeSlackText } from '../../../src/adapters/slack/escape.ts';
import { parseSlackText, plainFromSlack } from '../../../src/adapters/slack/parse-text.ts';

/** Words that are never read as an option of /quote (not `public:…` nor `--public`). */
const word = fc
  .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzKOZAK"-*:&<>@!#'.split('')), minLength: 1, maxLength: 12 })
  .filter((w) => !/^(--public|public[:=].*)$/i.test(w));
const words = fc.array(word, { minLength: 1, maxLength: 20 });
const spaces = fc.constantFrom(' ', '  ', '\t', ' \n ');
const publicFlag = fc.oneof(
  fc.constant({ token: '--public', value: true }),
  fc.constantFrom('true', 'yes', 'on', '1', 'TRUE').map((v) => ({ token: `public:${v}`, value: true })),
  fc.constantFrom('false', 'no', 'off', '0').map((v) => ({ token: `public=${v}`, value: false })),
);

describe('parseSlackText properties', () => {
  it('never throws, and either gives a trimmed non-empty text within the cap or a message with the usage', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 700 }), (text) => {
        for (const definition of [quoteCommand, checkCommand]) {
          const parsed = parseSlackText(definition, escapeSlackText(text));
          if (parsed.ok) {
            const main = parsed.options[definition.textOption as string];
            expect(typeof main).toBe('string');
            expect((main as string).length).toBeGreaterThan(0);
            expect((main as string).length).toBeLessThanOrEqual(MAX_INPUT_LENGTH);
            expect(main).toBe((main as string).trim());
          } else {
            expect(parsed.message).toContain(`Usage: /${definition.name}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the words as typed, in order, joined by single spaces', () => {
    fc.assert(
      fc.property(words, spaces, (list, gap) => {
        const parsed = parseSlackText(quoteCommand, escapeSlackText(list.join(gap)));
        expect(parsed).toEqual({ ok: true, options: { query: list.join(' ') } });
      }),
    );
  });

  it('reads a public flag at the start or the end, never in the middle', () => {
    fc.assert(
      fc.property(words, publicFlag, fc.boolean(), (list, flag, atStart) => {
        // Slack escapes & < > in what the user typed before sending it.
        const typed = escapeSlackText(list.join(' '));
        const text = atStart ? `${flag.token} ${typed}` : `${typed} ${flag.token}`;
        expect(parseSlackText(quoteCommand, text)).toEqual({ ok: true, options: { query: list.join(' '), public: flag.value } });
        if (list.length >= 2) {
          const middle = [list[0], flag.token, ...list.slice(1)].join(' ');
          expect(parseSlackText(quoteCommand, escapeSlackText(middle))).toEqual({ ok: true, options: { query: middle } });
        }
      }),
    );
  });

  it('refuses text over the cap with a message naming its length and the limit, and accepts it at the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.constantFrom('x', 'é', 'Kozak '), (over, unit) => {
        const atCap = unit.repeat(Math.ceil(MAX_INPUT_LENGTH / unit.length)).slice(0, MAX_INPUT_LENGTH).trim().padEnd(MAX_INPUT_LENGTH, 'x');
        expect(parseSlackText(checkCommand, atCap).ok).toBe(true);
        const tooLong = atCap + 'y'.repeat(over);
        const parsed = parseSlackText(checkCommand, tooLong);
        expect(parsed).toEqual({
          ok: false,
          message: `That claim is too long (${tooLong.length} characters; at most ${MAX_INPUT_LENGTH}). Usage: /check <claim> [--public]`,
        });
      }),
    );
  });

  it('ignores any text for a command without a text option', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      expect(parseSlackText(sourcesCommand, escapeSlackText(text)).ok).toBe(true);
    }));
  });
});

describe('plainFromSlack properties', () => {
  it('gives back exactly what the user typed from Slack-escaped text (& < > are the only escapes)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (typed) => {
      expect(plainFromSlack(escapeSlackText(typed))).toBe(typed);
    }));
  });

  it('turns every mention, channel and link in Slack markup into visible text without markup', () => {
    const id = fc.stringMatching(/^[A-Z0-9]{2,11}$/);
    const label = fc.stringMatching(/^[a-z][a-z0-9 ._-]{0,15}$/);
    const markup = fc.oneof(
      fc.tuple(id, fc.option(label)).map(([i, l]) => ({ raw: l ? `<@${i}|${l}>` : `<@${i}>`, shown: `@${l ?? i}` })),
      fc.tuple(id, fc.option(label)).map(([i, l]) => ({ raw: l ? `<#${i}|${l}>` : `<#${i}>`, shown: `#${l ?? i}` })),
      fc.constantFrom('here', 'channel', 'everyone').map((w) => ({ raw: `<!${w}>`, shown: `@${w}` })),
      fc.tuple(fc.webUrl(), label).map(([url, l]) => ({ raw: `<${url.replace(/[<>|]/g, '')}|${l}>`, shown: l })),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(words, markup), { maxLength: 5 }), (parts) => {
        const raw = parts.map(([w, m]) => `${escapeSlackText(w.join(' '))} ${m.raw}`).join(' ');
        const shown = parts.map(([w, m]) => `${w.join(' ')} ${m.shown}`).join(' ');
        expect(plainFromSlack(raw)).toBe(shown);
      }),
    );
  });
});
