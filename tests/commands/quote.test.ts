import { beforeAll, describe, expect, it } from 'vitest';
import { quoteCommand } from '../../commands/quote.ts';
import { MAX_INPUT_LENGTH } from '../../commands/common.ts';
import type { Reply, ReplyAction } from '../../src/chat/model.ts';
import type { Services } from '../../src/chat/services.ts';
import {
  actionsOf,
  invocationWith,
  quoteBlocks,
  seedSentences,
  seedServices,
  textOf,
  type SeedSentence,
} from '../helpers/services.ts';

let services: Services;
let sentences: SeedSentence[];

beforeAll(async () => {
  services = await seedServices();
  sentences = await seedSentences();
});

async function quote(query: string, offset = 0): Promise<Reply> {
  return quoteCommand.run(invocationWith({ query }), services, offset);
}

describe('/quote on the seed corpus', () => {
  it('answers /quote Kozak with verbatim sentences that name Kozak, cited to their own article', async () => {
    const reply = await quote('Kozak');
    const quotes = quoteBlocks(reply);
    expect(quotes.length).toBeGreaterThan(0);
    for (const block of quotes) {
      expect(block.text).toMatch(/Kozak/);
      // The sentence exists verbatim in the corpus, in an article by the cited publisher on the cited date.
      const sources = sentences.filter((s) => s.text === block.text);
      expect(sources.length).toBeGreaterThan(0);
      expect(sources.some((s) => s.publisher === block.citation.publisher && s.published === block.citation.published && s.url === block.citation.url)).toBe(true);
      for (const [start, end] of block.highlights) expect(block.text.slice(start, end)).toMatch(/kozak/i);
    }
    expect(textOf(reply)).toContain('Kozak');
  });

  it('pages: the second page continues the first without repeating it, and More points at it', async () => {
    const direct = await services.search.quote('Kozak', { limit: 25 });
    expect(direct.total).toBeGreaterThan(5);
    const first = await quote('Kozak');
    expect(textOf(first)).toContain(`showing 1-5 of ${direct.total}`);
    const more = actionsOf(first).find((a) => a.action === 'more') as ReplyAction;
    expect(more).toMatchObject({ command: 'quote', state: { text: 'Kozak', offset: 5 } });
    expect(actionsOf(first).some((a) => a.action === 'post')).toBe(true);

    const second = await quote('Kozak', more.state.offset);
    const firstTexts = quoteBlocks(first).map((b) => b.text);
    const secondTexts = quoteBlocks(second).map((b) => b.text);
    expect(secondTexts.length).toBe(Math.min(5, direct.total - 5));
    for (const text of secondTexts) expect(firstTexts).not.toContain(text);
    expect([...firstTexts, ...secondTexts]).toEqual(direct.results.slice(0, firstTexts.length + secondTexts.length).map((h) => h.text));
    const lastPage = direct.total <= 10;
    expect(actionsOf(second).some((a) => a.action === 'more')).toBe(!lastPage);
  });

  it('labels photo captions as such', async () => {
    const caption = sentences.find((s) => s.kind === 'caption' && /Sharifulin/.test(s.text));
    expect(caption).toBeDefined();
    const reply = await quote('Sharifulin');
    const block = quoteBlocks(reply).find((b) => b.text === caption?.text);
    expect(block?.citation.label).toBe('photo caption');
    const body = quoteBlocks(await quote('Kozak')).filter((b) => sentences.some((s) => s.text === b.text && s.kind === 'body'));
    for (const b of body) expect(b.citation.label).toBeUndefined();
  });

  it('says plainly when nothing matches, with no quotes and no buttons', async () => {
    const reply = await quote('xylophonequartz');
    expect(quoteBlocks(reply)).toEqual([]);
    expect(actionsOf(reply)).toEqual([]);
    expect(textOf(reply)).toContain('No sentence in the corpus matches “xylophonequartz”');
  });

  it('asks for a query when it is empty or blank', async () => {
    for (const query of ['', '   ']) {
      const reply = await quote(query);
      expect(quoteBlocks(reply)).toEqual([]);
      expect(reply.summary).toMatch(/Please give a query/);
    }
  });

  it(`accepts ${MAX_INPUT_LENGTH} characters and refuses one more, naming the limit`, async () => {
    const atLimit = `Kozak ${'x'.repeat(MAX_INPUT_LENGTH - 6)}`;
    expect(atLimit.length).toBe(MAX_INPUT_LENGTH);
    expect((await quote(atLimit)).summary).not.toContain('limit');
    const over = await quote(`${atLimit}x`);
    expect(over.summary).toContain(`${MAX_INPUT_LENGTH + 1} characters`);
    expect(over.summary).toContain(`limit is ${MAX_INPUT_LENGTH}`);
    expect(quoteBlocks(over)).toEqual([]);
  });
});
