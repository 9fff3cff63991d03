// /timeline topic: statements about a topic, oldest first, so a reader sees how the story moved.
import { dateRange, truncate } from '../src/chat/format.ts';
import type { CommandDefinition, Reply, ReplyBlock } from '../src/chat/model.ts';
import type { Services } from '../src/chat/services.ts';
import { PAGE_SIZE, evidenceBlock, pagingActions, readText, textOptionDefinition } from './common.ts';

const HEADER_TOPIC_LENGTH = 80;

export const timelineCommand: CommandDefinition<Services> = {
  name: 'timeline',
  description: 'Statements about a topic from the news corpus, oldest first',
  options: [textOptionDefinition('topic', 'A person, place or subject, e.g. Kozak')],
  textOption: 'topic',
  visibility: 'private',
  async run(invocation, services, offset): Promise<Reply> {
    const input = readText(invocation, 'topic', 'topic', '/timeline Kozak');
    if ('problem' in input) return input.problem;
    const topic = input.text;
    // One entry beyond the page tells whether a More button is needed (the timeline gives no total).
    const result = await services.checker.timeline(topic, { limit: PAGE_SIZE + 1, offset });
    const header: ReplyBlock = { type: 'header', text: `Timeline: ${truncate(topic, HEADER_TOPIC_LENGTH)}` };
    const noteBlocks: ReplyBlock[] = result.note ? [{ type: 'context', text: result.note }] : [];
    const page = result.entries.slice(0, PAGE_SIZE);

    if (page.length === 0) {
      // The checker's note already says why nothing was found; don't say it twice.
      const text =
        offset > 0 ? `No more statements about “${topic}”.` : (result.note ?? `No statement in the corpus is about “${topic}”.`);
      const rest = offset > 0 ? noteBlocks : [];
      return { blocks: [header, { type: 'text', text }, ...rest], summary: text };
    }
    const hasMore = result.entries.length > PAGE_SIZE;
    const first = page[0]?.article.published ?? null;
    const last = page[page.length - 1]?.article.published ?? null;
    const span = `entries ${offset + 1}-${offset + page.length}, oldest first (${dateRange(first, last)})`;
    return {
      blocks: [
        header,
        ...page.map(evidenceBlock),
        { type: 'context', text: span },
        ...noteBlocks,
        ...pagingActions('timeline', topic, offset, hasMore ? offset + page.length : null),
      ],
      summary: `Timeline: ${truncate(topic, HEADER_TOPIC_LENGTH)}: ${span}`,
    };
  },
};
