import { describe, expect, it } from 'vitest';
import { isValidDate, parseArticleFile, parseBody, renderBody, serializeArticleFile } from '../../src/corpus/article-file.ts';
import type { ArticleMeta, Block } from '../../src/corpus/types.ts';
import { articleText } from '../helpers/corpus.ts';

const meta: ArticleMeta = {
  title: "Putin Rejected Early Ukraine Peace Deal to Pursue 'Expanded' Annexation Goals – Reuters",
  publisher: 'The Moscow Times',
  published: '2022-09-14',
  dateInferred: true,
  author: 'Rob Harris',
  url: 'https://www.themoscowtimes.com/2022/09/14/a78787',
  language: 'en',
};
const blocks: Block[] = [
  { kind: 'caption', text: 'Putin at the Feb. 22 Security Council meeting. kremlin.ru' },
  { kind: 'body', text: '“Everything was canceled,” one source said — verbatim: curly quotes, dashes.' },
  { kind: 'headline', text: 'Putin: U.S. Plan Contains 28 Points' },
];

describe('corpus file format', () => {
  it('round-trips metadata and blocks through serialize and parse', () => {
    const parsed = parseArticleFile('a.md', serializeArticleFile(meta, blocks));
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta).toEqual(meta);
    expect(parsed.blocks).toEqual(blocks);
  });

  it('writes the front matter fields with the names of the contract', () => {
    const text = serializeArticleFile(meta, blocks);
    expect(text.split('---\n')[1]).toMatch(/^title: .*\npublisher: The Moscow Times\npublished: 2022-09-14\ndate_inferred: true\nauthor: Rob Harris\nurl: https:/);
  });

  it('reads a hand-written file with comments and defaults', () => {
    const parsed = parseArticleFile('b.md', articleText({ publisher: 'Reuters # the agency' }, 'One.\n\nTwo\nlines.'));
    expect(parsed.meta).toMatchObject({ publisher: 'Reuters', dateInferred: false, author: null, url: null, language: 'en' });
    expect(parsed.blocks.map((b) => b.text)).toEqual(['One.', 'Two lines.']);
  });

  it('reports every problem with its line: missing field, impossible date, bad flag, empty body', () => {
    const source = '---\ntitle: x\npublished: 2024-02-30\ndate_inferred: maybe\n---\n\n';
    const messages = parseArticleFile('c.md', source).problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual([
      "5: missing required field 'publisher'",
      "3: field 'published' is not a real date in YYYY-MM-DD form: '2024-02-30'",
      "4: field 'date_inferred' must be true or false, not 'maybe'",
      '6: empty body: the article has no text after the front matter',
    ]);
  });

  it('reports broken YAML at its line and refuses the article', () => {
    const parsed = parseArticleFile('d.md', '---\ntitle: x\npublisher: [Reuters\npublished: 2024-01-01\n---\nText.\n');
    expect(parsed.meta).toBeNull();
    expect(parsed.problems[0]?.message).toMatch(/^broken YAML/);
    expect(parsed.problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('requires the front matter fence', () => {
    expect(parseArticleFile('e.md', 'Just text.').problems).toEqual([
      { path: 'e.md', line: 1, message: "missing front matter: the file must start with a '---' line" },
    ]);
  });

  it('flags unknown fields and a url that is not http(s)', () => {
    const problems = parseArticleFile('f.md', articleText({ publsher: 'typo', url: 'ftp://x' })).problems;
    expect(problems.map((p) => p.message)).toEqual([
      "unknown field 'publsher' (known: title, publisher, published, date_inferred, author, url, language)",
      "field 'url' is not an http(s) URL: 'ftp://x'",
    ]);
  });

  it('knows real dates from impossible ones', () => {
    expect(['2024-02-29', '2022-09-14'].every(isValidDate)).toBe(true);
    expect(['2023-02-29', '2024-02-30', '2024-13-01', '24-01-01', '2024-1-1'].some(isValidDate)).toBe(false);
  });

  it('renders and parses body blocks symmetrically', () => {
    expect(parseBody(renderBody(blocks))).toEqual(blocks);
  });
});
