import { beforeAll, describe, expect, it } from 'vitest';
import { commands, findCommand } from '../../commands/index.ts';
import { sourcesCommand } from '../../commands/sources.ts';
import { timelineCommand } from '../../commands/timeline.ts';
import type { Services } from '../../src/chat/services.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { FULL_QUERY_SYNTAX_HELP } from '../../src/check/query-language.ts';
import { SEED_CORPUS } from '../helpers/corpus.ts';
import { actionsOf, invocationWith, quoteBlocks, seedServices, textOf } from '../helpers/services.ts';

let services: Services;
beforeAll(async () => {
  services = await seedServices();
});

describe('/timeline', () => {
  it('lists statements about the topic oldest first, one quote block each', async () => {
    const reply = await timelineCommand.run(invocationWith({ topic: 'Putin' }), services, 0);
    const dates = quoteBlocks(reply).map((b) => b.citation.published);
    expect(dates.length).toBeGreaterThan(1);
    expect([...dates].sort()).toEqual(dates);
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Timeline: Putin' });
  });

  it('continues after the first page without repeating it', async () => {
    const first = await timelineCommand.run(invocationWith({ topic: 'Putin' }), services, 0);
    const more = actionsOf(first).find((a) => a.action === 'more');
    if (!more) return expect(quoteBlocks(first).length).toBeLessThanOrEqual(5);
    const second = await timelineCommand.run(invocationWith({ topic: 'Putin' }), services, more.state.offset);
    const seen = new Set(quoteBlocks(first).map((b) => `${b.citation.published}|${b.text}`));
    for (const b of quoteBlocks(second)) expect(seen.has(`${b.citation.published}|${b.text}`)).toBe(false);
    const lastFirst = quoteBlocks(first).at(-1)?.citation.published ?? '';
    for (const b of quoteBlocks(second)) expect(b.citation.published >= lastFirst).toBe(true);
  });

  it('asks for a topic when none is given', async () => {
    const reply = await timelineCommand.run(invocationWith({}), services, 0);
    expect(reply.summary).toMatch(/Please give a topic/);
  });
});

describe('/sources', () => {
  it('reports the coverage of the corpus as read from its files', async () => {
    const { articles } = await loadCorpus(SEED_CORPUS);
    const publishers = [...new Set(articles.map((a) => a.publisher))];
    const dates = articles.map((a) => a.published).sort();
    const reply = await sourcesCommand.run(invocationWith({}), services, 0);
    const text = textOf(reply);
    expect(text).toContain(`Articles: ${articles.length}`);
    expect(text).toContain(`Publishers: ${publishers.length}`);
    expect(text).toContain(`Dates: ${dates[0]} to ${dates.at(-1)}`);
    for (const publisher of publishers) {
      const count = articles.filter((a) => a.publisher === publisher).length;
      expect(text).toContain(`${publisher} (${count})`);
    }
    expect(text).toMatch(/Sentences: \d+/);
  });
});

describe('/help and the command list', () => {
  it('lists every command with its usage, the query syntax, and what the bot never does', async () => {
    const reply = await findCommand('help')!.run(invocationWith({}), services, 0);
    const text = textOf(reply);
    for (const command of commands) expect(text).toContain(`/${command.name}`);
    expect(text).toContain('/quote <query>');
    expect(text).toContain(FULL_QUERY_SYNTAX_HELP);
    expect(text).toMatch(/never judges whether a claim is true or false/);
    expect(text).toMatch(/never paraphrases/);
  });

  it('defines the fixed option contract and valid names for every platform', () => {
    expect(commands.map((c) => c.name)).toEqual(['quote', 'check', 'timeline', 'sources', 'digest', 'help']);
    const optionNames = (name: string) => findCommand(name)?.options.map((o) => o.name);
    expect(optionNames('quote')).toEqual(['query', 'public']);
    expect(optionNames('check')).toEqual(['claim', 'public']);
    expect(optionNames('timeline')).toEqual(['topic']);
    for (const command of commands) {
      expect(command.name).toMatch(/^[a-z]{1,32}$/);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      // The main text is required except for /digest, where a bare command shows its usage.
      const required = command.name !== 'digest';
      if (command.textOption) expect(command.options.some((o) => o.name === command.textOption && o.required === required)).toBe(true);
    }
    expect(findCommand('/QUOTE')?.name).toBe('quote');
    expect(findCommand('nosuch')).toBeUndefined();
  });
});
