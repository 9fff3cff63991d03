import { describe, expect, it } from 'vitest';
import { loadAliases, parseAliases } from '../../src/corpus/aliases.ts';
import { SEED_CORPUS } from '../helpers/corpus.ts';

describe('aliases.yaml', () => {
  it('loads the bundled groups without problems and maps variants both ways', async () => {
    const { table, problems } = await loadAliases(SEED_CORPUS);
    expect(problems).toEqual([]);
    expect(table.canonical('kiev')).toBe('kyiv');
    expect(table.canonical('kyiv')).toBe('kyiv');
    expect(table.variants('zaporozhye')).toContain('zaporizhzhia');
    expect(table.canonical('putin')).toBeUndefined();
  });

  it('rejects a group with one member', () => {
    const { problems } = parseAliases('aliases.yaml', 'groups:\n  - [Kyiv, Kiev]\n  - [Donetsk, donetsk]\n');
    expect(problems).toEqual([
      { path: 'aliases.yaml', line: 3, message: 'group [Donetsk, donetsk] has only one distinct spelling: a group needs at least two' },
    ]);
  });

  it('rejects a word in two groups, naming both', () => {
    const { table, problems } = parseAliases('aliases.yaml', 'groups:\n  - [Kyiv, Kiev]\n  - [Kiev, Kyjiw]\n');
    expect(problems.map((p) => p.message)).toEqual(["'Kiev' is in two groups: [Kyiv, Kiev] (line 2) and [Kiev, Kyjiw]"]);
    expect(table.canonical('kyjiw')).toBeUndefined();
  });

  it('explains a file without a groups list, and broken YAML', () => {
    expect(parseAliases('a.yaml', '- [a, b]\n').problems[0]?.message).toMatch(/expected a 'groups:' list/);
    expect(parseAliases('a.yaml', 'groups: [a, b\n').problems[0]?.message).toMatch(/^broken YAML/);
  });
});
