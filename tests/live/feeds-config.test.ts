import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/corpus/types.ts';
import { loadFeedsConfig, parseFeedsConfig } from '../../src/live/feeds-config.ts';
import { SEED_CORPUS, tempCorpus } from '../helpers/corpus.ts';
import { tempDir } from './helpers.ts';

describe('feeds.yaml', () => {
  it('bundles an empty list, so the shipped bot never reaches the internet', async () => {
    expect(await loadFeedsConfig(SEED_CORPUS, {})).toMatchObject({ feeds: [], problems: [], source: join(SEED_CORPUS, 'feeds.yaml') });
  });

  it('reads url, publisher and interval, defaulting the interval to 30 minutes', () => {
    const yaml = `feeds:
  - url: https://example.com/rss.xml
    publisher: Example News
    interval_minutes: 15
  - url: https://other.example/atom
    publisher: "Other: Daily"
`;
    expect(parseFeedsConfig('feeds.yaml', yaml)).toEqual({
      feeds: [
        { url: 'https://example.com/rss.xml', publisher: 'Example News', intervalMinutes: 15 },
        { url: 'https://other.example/atom', publisher: 'Other: Daily', intervalMinutes: 30 },
      ],
      problems: [],
    });
  });

  it('reports each broken entry as path:line and keeps the good ones', () => {
    const yaml = `feeds:
  - url: https://ok.example/rss
    publisher: OK
  - url: ftp://files.example/feed
    publisher: Bad Scheme
  - url: https://nopublisher.example/rss
  - url: https://fast.example/rss
    publisher: Too Fast
    interval_minutes: 0
  - url: https://typo.example/rss
    publisher: Typo
    intervall: 5
  - url: https://ok.example/rss
    publisher: Again
  - just a string
`;
    const { feeds, problems } = parseFeedsConfig('feeds.yaml', yaml);
    expect(feeds.map((f) => f.publisher)).toEqual(['OK']);
    expect(problems.map(formatProblem)).toEqual([
      "feeds.yaml:4: field 'url' is not an http(s) URL: 'ftp://files.example/feed'",
      "feeds.yaml:6: missing required field 'publisher'",
      "feeds.yaml:9: field 'interval_minutes' must be a number of minutes, at least 1, not '0'",
      "feeds.yaml:12: unknown field 'intervall' (known: url, publisher, interval_minutes)",
      'feeds.yaml:13: feed https://ok.example/rss is listed twice (also line 2): skipped',
      'feeds.yaml:15: a feed entry must be a mapping: url, publisher, interval_minutes',
    ]);
  });

  it('reports broken YAML with its line and a list that is not a list', () => {
    expect(parseFeedsConfig('feeds.yaml', 'feeds:\n  - url: [unclosed\n').problems[0]).toMatchObject({ path: 'feeds.yaml', line: expect.any(Number), message: expect.stringMatching(/^broken YAML/) });
    expect(parseFeedsConfig('feeds.yaml', 'feeds: https://example.com/rss\n').problems.map(formatProblem)).toEqual([
      "feeds.yaml:1: 'feeds' must be a list of entries, each with url, publisher and interval_minutes",
    ]);
  });

  it('uses the file FACTBOT_FEEDS names instead, relative to the working directory', async () => {
    const corpus = await tempCorpus({ 'feeds.yaml': 'feeds:\n  - url: https://corpus.example/rss\n    publisher: Corpus\n' });
    const cwd = await tempDir('cwd');
    await writeFile(join(cwd, 'ops-feeds.yaml'), 'feeds:\n  - url: https://ops.example/rss\n    publisher: Ops\n');
    expect((await loadFeedsConfig(corpus, {}, cwd)).feeds.map((f) => f.publisher)).toEqual(['Corpus']);
    expect((await loadFeedsConfig(corpus, { FACTBOT_FEEDS: 'ops-feeds.yaml' }, cwd)).feeds.map((f) => f.publisher)).toEqual(['Ops']);
    const missing = await loadFeedsConfig(corpus, { FACTBOT_FEEDS: 'nope.yaml' }, cwd);
    expect(missing.problems.map(formatProblem)).toEqual(['nope.yaml:1: no such file (named by FACTBOT_FEEDS)']);
    // No corpus/feeds.yaml at all is simply no feeds.
    expect(await loadFeedsConfig(await tempCorpus({}), {}, cwd)).toMatchObject({ feeds: [], problems: [] });
  });
});
