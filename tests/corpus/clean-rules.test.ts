import { describe, expect, it } from 'vitest';
import { CLEAN_RULES, type CleanRule } from '../../src/corpus/clean-rules.ts';
import { cleanText, collapseSpaces, looksHardWrapped, parseDateText, type CleanHints } from '../../src/corpus/clean.ts';

const TITLE = 'Kremlin says talks are possible';
const BEFORE = 'The Kremlin said on Tuesday that talks were possible.';
const AFTER = 'Peskov repeated that the new territories could not be given up.';

/** The example between two real paragraphs, so a rule is tested where it meets its cases. */
function cleanExample(rule: CleanRule) {
  const text = [TITLE, BEFORE, rule.example, AFTER].join('\n\n');
  return cleanText(text, 'text', { publisher: 'RksNews' });
}

const HINT_OF: Record<NonNullable<CleanRule['captures']>, keyof CleanHints> = {
  published: 'published',
  author: 'author',
  url: 'url',
  'site-name': 'siteName',
};

describe('every cleaning rule handles its own example', () => {
  for (const rule of CLEAN_RULES) {
    it(`${rule.name} (${rule.action})`, () => {
      const firstLine = collapseSpaces(rule.example.split('\n')[0]!);
      rule.pattern.lastIndex = 0;
      expect(rule.pattern.test(firstLine)).toBe(true);
      rule.pattern.lastIndex = 0;

      const result = cleanExample(rule);
      expect(result.title).toBe(TITLE);
      const texts = result.blocks.map((b) => b.text);
      expect(texts[0]).toBe(BEFORE);
      expect(texts.at(-1)).toBe(rule.action === 'drop-rest' ? BEFORE : AFTER);
      const own = result.removed.filter((r) => r.rule === rule.name);

      switch (rule.action) {
        case 'drop':
        case 'meta':
        case 'drop-rest':
        case 'drop-and-following':
          expect(own.map((r) => r.text)).toContain(firstLine);
          expect(texts.join('\n')).not.toContain(firstLine);
          if (rule.action === 'drop-and-following') {
            expect(own.map((r) => r.text)).toContain(collapseSpaces(rule.example.split('\n').at(-1)!));
          }
          break;
        case 'strip': {
          expect(own).toHaveLength(1);
          const left = collapseSpaces(firstLine.replace(rule.pattern, ''));
          expect(texts).toEqual(left ? [BEFORE, left, AFTER] : [BEFORE, AFTER]);
          break;
        }
        case 'replace': {
          expect(own.length).toBeGreaterThan(0);
          const rewritten = collapseSpaces(firstLine.replace(rule.pattern, rule.replacement ?? ''));
          expect(texts).toEqual([BEFORE, rewritten, AFTER]);
          expect(rewritten).not.toMatch(/\]\(|!\[/);
          break;
        }
        case 'caption':
        case 'headline':
          expect(result.blocks[1]).toEqual({ kind: rule.action, text: firstLine });
          expect(own).toEqual([]);
          break;
      }
      if (rule.captures) expect(result.hints[HINT_OF[rule.captures]]).toBeTruthy();
    });
  }

  it('the rules are well-formed data', () => {
    const names = CLEAN_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of CLEAN_RULES) {
      expect(rule.why.length).toBeGreaterThan(10);
      expect(rule.pattern.global).toBe(rule.action === 'replace');
      if (rule.action === 'replace') expect(rule.replacement).toBeDefined();
      if (rule.action === 'drop-and-following') expect(rule.following).toBeInstanceOf(RegExp);
    }
  });
});

describe('what the rules must leave alone', () => {
  const keep = (paragraph: string) => {
    const result = cleanText([TITLE, paragraph, AFTER].join('\n\n'), 'text');
    return result.blocks[0];
  };

  it('keeps sentences that mention agencies, dates, sharing or newsletters as body text', () => {
    for (const text of [
      'The minister told AFP that the talks would resume.',
      'Reuters reported on September 14, 2022 that the deal had collapsed.',
      'By Friday, the troops had withdrawn from the city.',
      'Users share the video widely, officials said.',
      'He said the newsletter had been shut down by the authorities.',
      'Ukraine says Russian troops must leave every inch of its territory.',
    ]) {
      expect(keep(text)).toEqual({ kind: 'body', text });
    }
  });

  it('does not take a sentence ending in punctuation for a caption', () => {
    expect(keep('The photo was distributed by Sputnik/Pool via REUTERS.')?.kind).toBe('body');
  });

  it('a short title-case line at the very end is text, not a subheading', () => {
    const result = cleanText([TITLE, BEFORE, 'Glory To The Heroes'].join('\n\n'), 'text');
    expect(result.blocks.at(-1)).toEqual({ kind: 'body', text: 'Glory To The Heroes' });
  });

  it('drops a lone publisher line only when it names the publisher', () => {
    const text = [TITLE, 'Kyiv', BEFORE].join('\n\n');
    expect(cleanText(text, 'text', { publisher: 'RksNews' }).blocks[0]?.text).toBe('Kyiv');
    const named = [TITLE, 'The Moscow Times', BEFORE].join('\n\n');
    expect(cleanText(named, 'text', { publisher: 'Moscow Times' }).removed).toEqual([
      { rule: 'publisher-name-line', text: 'The Moscow Times' },
    ]);
  });

  it('the comment form takes everything after it along', () => {
    const result = cleanText([TITLE, BEFORE, 'Leave a Reply', 'Great article, Ivan says.'].join('\n\n'), 'text');
    expect(result.blocks.map((b) => b.text)).toEqual([BEFORE]);
    expect(result.removed.map((r) => r.text)).toEqual(['Leave a Reply', 'Great article, Ivan says.']);
  });
});

describe('paragraphs of plain text', () => {
  const wrapped = [
    'Russian President Vladimir Putin had rejected a potential deal with',
    'Ukraine offered by his key envoy in the early days of the invasion as he',
    'expanded his goals to include annexing more territory, Reuters reported',
    'on Wednesday.',
  ];

  it('joins a hard-wrapped block into one paragraph', () => {
    expect(looksHardWrapped(wrapped)).toBe(true);
    const result = cleanText([TITLE, wrapped.join('\n')].join('\n\n'), 'text');
    expect(result.blocks).toEqual([{ kind: 'body', text: wrapped.join(' ') }]);
  });

  it('keeps one paragraph per line when lines are whole paragraphs', () => {
    const lines = [TITLE, BEFORE, 'Kyiv and the West say this is a baseless pretext for an illegal land-grab.', AFTER];
    expect(looksHardWrapped(lines.slice(1))).toBe(false);
    expect(cleanText(lines.join('\n'), 'text').blocks.map((b) => b.text)).toEqual(lines.slice(1));
  });

  it('collapses runs of spaces, tabs and no-break spaces but changes no wording', () => {
    const result = cleanText(`${TITLE}\n\n“It’s  a\u00a0 complete\thoax,” wrote Podolyak on X.`, 'text');
    expect(result.blocks[0]?.text).toBe('“It’s a complete hoax,” wrote Podolyak on X.');
  });
});

describe('parseDateText', () => {
  it('reads the date forms news pages print and rejects impossible dates', () => {
    expect(parseDateText('September 14, 2022')).toBe('2022-09-14');
    expect(parseDateText('14 Sept. 2022')).toBe('2022-09-14');
    expect(parseDateText('2023-02-28T10:00:00Z')).toBe('2023-02-28');
    expect(parseDateText('February 30, 2023')).toBeNull();
    expect(parseDateText('Someday 3, 2023')).toBeNull();
  });
});
