// Slack's free text → the same typed options Discord delivers, for the real command definitions.
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../../commands/check.ts';
import { MAX_INPUT_LENGTH } from '../../../commands/common.ts';
import { quoteCommand } from '../../../commands/quote.ts';
import { sourcesCommand } from '../../../commands/sources.ts';
import { parseSlackText, plainFromSlack, usageHint } from '../../../src/adapters/slack/parse-text.ts';

describe('parseSlackText', () => {
  it('gives the whole text to the main option, keeping the query language intact', () => {
    expect(parseSlackText(quoteCommand, 'Kozak publisher:reuters')).toEqual({ ok: true, options: { query: 'Kozak publisher:reuters' } });
    expect(parseSlackText(quoteCommand, '  "peace deal"   -NATO  ')).toEqual({ ok: true, options: { query: '"peace deal" -NATO' } });
  });

  it.each([
    ['--public Kozak', { query: 'Kozak', public: true }],
    ['Kozak --public', { query: 'Kozak', public: true }],
    ['Kozak public:true', { query: 'Kozak', public: true }],
    ['public:yes Kozak', { query: 'Kozak', public: true }],
    ['Kozak public:false', { query: 'Kozak', public: false }],
    ['--PUBLIC Kozak', { query: 'Kozak', public: true }],
  ])('reads a leading or trailing public flag: %s', (text, options) => {
    expect(parseSlackText(quoteCommand, text)).toEqual({ ok: true, options });
  });

  it('leaves an option-looking word in the middle, and an unknown value, as text', () => {
    expect(parseSlackText(quoteCommand, 'Kozak public:true deal')).toEqual({ ok: true, options: { query: 'Kozak public:true deal' } });
    expect(parseSlackText(quoteCommand, 'Kozak public:maybe')).toEqual({ ok: true, options: { query: 'Kozak public:maybe' } });
    expect(parseSlackText(quoteCommand, 'Kozak --verbose')).toEqual({ ok: true, options: { query: 'Kozak --verbose' } });
  });

  it('refuses a missing main text with the usage hint', () => {
    const parsed = parseSlackText(checkCommand, '--public');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('Usage: /check <claim> [--public]');
  });

  it('refuses text longer than the option allows', () => {
    const parsed = parseSlackText(quoteCommand, 'x'.repeat(MAX_INPUT_LENGTH + 1));
    expect(parsed.ok).toBe(false);
    expect(parseSlackText(quoteCommand, 'x'.repeat(MAX_INPUT_LENGTH)).ok).toBe(true);
  });

  it('ignores stray text for a command without a text option', () => {
    expect(parseSlackText(sourcesCommand, 'please')).toEqual({ ok: true, options: {} });
  });

  it('decodes what Slack escaped, so the command sees what the user typed', () => {
    expect(parseSlackText(checkCommand, 'A &amp; B said &lt;no&gt;')).toEqual({ ok: true, options: { claim: 'A & B said <no>' } });
  });
});

describe('plainFromSlack', () => {
  it('turns Slack markup into the visible text', () => {
    expect(plainFromSlack('hi <@U123|bob> in <#C1|general>, <!here>')).toBe('hi @bob in #general, @here');
    expect(plainFromSlack('see <https://example.org/a|the report> and <https://x.org>')).toBe('see the report and https://x.org');
    expect(plainFromSlack('<!subteam^S123|@editors> ping')).toBe('@editors ping');
  });
});

describe('usageHint', () => {
  it('describes the main text and the flags', () => {
    expect(usageHint(quoteCommand)).toBe('<query> [--public]');
    expect(usageHint(sourcesCommand)).toBe('');
  });
});
