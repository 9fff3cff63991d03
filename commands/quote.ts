// /quote query: the corpus sentences that match, verbatim, each with publisher, date and link.
import { showingLine, truncate } from '../src/chat/format.ts';
import type { CommandDefinition, Reply, ReplyBlock } from '../src/chat/model.ts';
import type { Services } from '../src/chat/services.ts';
import { PAGE_SIZE, PUBLIC_OPTION, hitBlock, pagingActions, readText, textOptionDefinition } from './common.ts';

/** Header length for the echoed query; renderers cut further where a platform needs it. */
const HEADER_QUERY_LENGTH = 80;

export const quoteCommand: CommandDefinition<Services> = {
  name: 'quote',
  description: 'Verbatim sentences from the news corpus that match a query, with publisher, date and link',
  options: [textOptionDefinition('query', 'Words, "a phrase", name:Kozak, -excluded, …'), PUBLIC_OPTION],
  textOption: 'query',
  visibility: 'private',
  async run(invocation, services, offset): Promise<Reply> {
    const input = readText(invocation, 'query', 'query', '/quote Kozak');
    if ('problem' in input) return input.problem;
    const query = input.text;
    const result = await services.search.quote(query, { limit: PAGE_SIZE, offset });
    const header: ReplyBlock = { type: 'header', text: `Quotes for “${truncate(query, HEADER_QUERY_LENGTH)}”` };
    const noteBlocks: ReplyBlock[] = result.note ? [{ type: 'context', text: result.note }] : [];

    if (result.results.length === 0) {
      const text =
        result.total > 0
          ? `No more sentences: all ${result.total} matching “${query}” were shown.`
          : `No sentence in the corpus matches “${query}”.`;
      return { blocks: [header, { type: 'text', text }, ...noteBlocks], summary: text };
    }

    const shownUpTo = offset + result.results.length;
    const nextOffset = shownUpTo < result.total ? shownUpTo : null;
    const showing = showingLine(offset, result.results.length, result.total);
    return {
      blocks: [
        header,
        ...result.results.map(hitBlock),
        { type: 'context', text: showing },
        ...noteBlocks,
        ...pagingActions('quote', query, offset, nextOffset),
      ],
      summary: `Quotes for “${truncate(query, HEADER_QUERY_LENGTH)}”: ${showing}`,
    };
  },
};
