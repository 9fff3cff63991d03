// /check claim: the corpus sentences that bear on a claim and how many independent publishers carry
// them. It reports what sources say and never calls a claim true or false.
import type { CheckResult } from '../src/check/types.ts';
import { dateRange, plural, showingLine } from '../src/chat/format.ts';
import type { CommandDefinition, Reply, ReplyBlock } from '../src/chat/model.ts';
import type { Services } from '../src/chat/services.ts';
import {
  PAGE_SIZE,
  PUBLIC_OPTION,
  evidenceBlock,
  pagingActions,
  publisherCount,
  readText,
  textOptionDefinition,
} from './common.ts';

/**
 * Evidence fetched per check: the whole list is needed to state how many sentences bear on the claim,
 * and pages are cut from it. A claim with more evidence than this is reported as "at least".
 */
export const CHECK_EVIDENCE_LIMIT = 50;

const NO_MATCH_DEFAULT = 'No statement in the corpus matches this claim. That does not make it false.';

function sentenceCount(result: CheckResult): string {
  const count = plural(result.evidence.length, 'sentence');
  return result.evidence.length >= CHECK_EVIDENCE_LIMIT ? `at least ${count}` : count;
}

/**
 * One plain line: how strong the match is and how widely it is corroborated. The publisher count and
 * dates are the checker's, over its strong evidence; the sentence count covers all evidence shown.
 */
export function verdictLine(result: CheckResult): string {
  const range = dateRange(result.firstDate, result.lastDate);
  switch (result.match) {
    case 'strong':
      return (
        `Strong match: carried by ${plural(result.publishers, 'independent publisher')}${range ? `, ${range}` : ''}; ` +
        `${sentenceCount(result)} ${result.evidence.length === 1 ? 'bears' : 'bear'} on the claim.`
      );
    case 'partial':
      return (
        `Partial match: ${sentenceCount(result)} from ${publisherCount(result.evidence)}${range ? ` (${range})` : ''} ` +
        `${result.evidence.length === 1 ? 'touches' : 'touch'} on this claim, but none states all of it.`
      );
    case 'none':
      return result.note ?? NO_MATCH_DEFAULT;
  }
}

export const checkCommand: CommandDefinition<Services> = {
  name: 'check',
  description: 'What the news corpus says about a claim, and how many independent publishers say it',
  options: [textOptionDefinition('claim', 'The claim, in a sentence'), PUBLIC_OPTION],
  textOption: 'claim',
  visibility: 'private',
  async run(invocation, services, offset): Promise<Reply> {
    const input = readText(invocation, 'claim', 'claim', '/check Putin rejected a peace deal');
    if ('problem' in input) return input.problem;
    const claim = input.text;
    const result = await services.checker.check(claim, { limit: CHECK_EVIDENCE_LIMIT, offset: 0 });
    const verdict = verdictLine(result);
    const blocks: ReplyBlock[] = [
      { type: 'header', text: 'Claim check' },
      { type: 'context', text: `Claim: “${claim}”` },
      { type: 'text', text: verdict },
    ];
    // For 'none' the note already is the verdict line.
    if (result.note && result.match !== 'none') blocks.push({ type: 'context', text: result.note });

    const page = result.evidence.slice(offset, offset + PAGE_SIZE);
    if (page.length === 0) {
      if (result.evidence.length > 0) {
        blocks.push({ type: 'context', text: `No more sentences: all ${result.evidence.length} were shown.` });
      }
      return { blocks, summary: `Claim check: ${verdict}` };
    }
    const shownUpTo = offset + page.length;
    const nextOffset = shownUpTo < result.evidence.length ? shownUpTo : null;
    blocks.push(
      ...page.map(evidenceBlock),
      { type: 'context', text: showingLine(offset, page.length, result.evidence.length) },
      ...pagingActions('check', claim, offset, nextOffset),
    );
    return { blocks, summary: `Claim check: ${verdict}` };
  },
};
