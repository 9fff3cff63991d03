import { beforeAll, describe, expect, it } from 'vitest';
import { checkCommand, verdictLine } from '../../commands/check.ts';
import { MAX_INPUT_LENGTH } from '../../commands/common.ts';
import type { Reply } from '../../src/chat/model.ts';
import type { CheckResult } from '../../src/check/types.ts';
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

const SUPPORTED_CLAIM = 'Putin rejected a peace deal secured by Kozak';
const UNRELATED_CLAIM = 'Penguins opened a chocolate factory on the Moon';
const KIND = '( · (photo caption|headline))?';
const LABEL = new RegExp(`^(quote|reported)( · [^·]+)?${KIND}$|^outlet's own text${KIND}$`);
// Words that would pass judgement on the claim; the one allowed use is the reminder that no match is not falsity.
const JUDGEMENT = /\b(true|false|correct|incorrect|verified|debunked|fake|misleading)\b/i;

async function check(claim: string, offset = 0): Promise<Reply> {
  return checkCommand.run(invocationWith({ claim }), services, offset);
}

describe('/check on the seed corpus', () => {
  it('states match strength and corroboration as the checker found them, and cites verbatim evidence', async () => {
    const direct = await services.checker.check(SUPPORTED_CLAIM, { limit: 50 });
    expect(direct.match).not.toBe('none');
    const reply = await check(SUPPORTED_CLAIM);
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Claim check' });
    const verdict = reply.blocks.find((b) => b.type === 'text');
    expect(verdict?.type === 'text' && verdict.text).toMatch(direct.match === 'strong' ? /^Strong match: / : /^Partial match: /);
    if (direct.match === 'strong') {
      expect(textOf(reply)).toContain(`carried by ${direct.publishers} independent publisher`);
    }
    expect(textOf(reply)).toContain(`${direct.evidence.length} sentence`);
    expect(textOf(reply)).not.toMatch(JUDGEMENT);

    const quotes = quoteBlocks(reply);
    expect(quotes.length).toBe(Math.min(5, direct.evidence.length));
    quotes.forEach((block, i) => {
      expect(block.text).toBe(direct.evidence[i]?.text);
      expect(sentences.some((s) => s.text === block.text && s.publisher === block.citation.publisher)).toBe(true);
      expect(block.citation.label).toMatch(LABEL);
    });
  });

  it('names the speaker in the label when the checker found one', async () => {
    const direct = await services.checker.check(SUPPORTED_CLAIM, { limit: 50 });
    const reply = await check(SUPPORTED_CLAIM);
    quoteBlocks(reply).forEach((block, i) => {
      const evidence = direct.evidence[i];
      if (evidence?.type !== 'text' && evidence?.speaker) expect(block.citation.label).toContain(evidence.speaker);
      if (evidence?.type === 'text') expect(block.citation.label).toMatch(/^outlet's own text/);
    });
  });

  it('for a claim the corpus does not bear on, gives the checker note and no evidence', async () => {
    const direct = await services.checker.check(UNRELATED_CLAIM);
    expect(direct.match).toBe('none');
    const reply = await check(UNRELATED_CLAIM);
    expect(quoteBlocks(reply)).toEqual([]);
    expect(actionsOf(reply)).toEqual([]);
    if (direct.note) expect(textOf(reply)).toContain(direct.note);
    expect(textOf(reply).replace(/does not make it false/g, '')).not.toMatch(JUDGEMENT);
  });

  it('pages through the evidence with More', async () => {
    const direct = await services.checker.check('Putin Ukraine peace talks', { limit: 50 });
    const reply = await check('Putin Ukraine peace talks');
    const more = actionsOf(reply).find((a) => a.action === 'more');
    expect(Boolean(more)).toBe(direct.evidence.length > 5);
    if (!more) return;
    const next = await check('Putin Ukraine peace talks', more.state.offset);
    expect(quoteBlocks(next).map((b) => b.text)).toEqual(direct.evidence.slice(5, 10).map((e) => e.text));
  });

  it('validates the claim: empty, and one character over the limit', async () => {
    expect((await check(' ')).summary).toMatch(/Please give a claim/);
    const over = await check('a'.repeat(MAX_INPUT_LENGTH + 1));
    expect(over.summary).toContain(`limit is ${MAX_INPUT_LENGTH}`);
  });
});

describe('verdictLine', () => {
  const base: CheckResult = { claim: 'c', match: 'strong', evidence: [], publishers: 2, firstDate: '2022-09-14', lastDate: '2024-06-14', note: null };

  it('states strength, independent publishers, dates and sentence count with correct number agreement', async () => {
    const evidence = (await services.checker.check(SUPPORTED_CLAIM, { limit: 3 })).evidence;
    expect(evidence.length).toBe(3);
    expect(verdictLine({ ...base, evidence })).toBe(
      'Strong match: carried by 2 independent publishers, 2022-09-14 to 2024-06-14; 3 sentences bear on the claim.',
    );
    expect(verdictLine({ ...base, publishers: 1, evidence: evidence.slice(0, 1), lastDate: '2022-09-14' })).toBe(
      'Strong match: carried by 1 independent publisher, 2022-09-14; 1 sentence bears on the claim.',
    );
    const publishers = new Set(evidence.map((e) => e.article.publisher)).size;
    expect(verdictLine({ ...base, match: 'partial', evidence })).toBe(
      `Partial match: 3 sentences from ${publishers} publisher${publishers === 1 ? '' : 's'} (2022-09-14 to 2024-06-14) touch on this claim, but none states all of it.`,
    );
  });

  it("for no match gives the checker's note, or a default that never calls the claim false", () => {
    expect(verdictLine({ ...base, match: 'none', note: 'Nothing here (5 articles).' })).toBe('Nothing here (5 articles).');
    expect(verdictLine({ ...base, match: 'none' })).toMatch(/does not make it false/);
  });
});
