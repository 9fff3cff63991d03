// /sources: what the corpus covers, so a reader can judge what "no match" means.
import { dateRange, plural } from '../src/chat/format.ts';
import type { CommandDefinition, Reply, ReplyBlock } from '../src/chat/model.ts';
import type { FeedStatus } from '../src/live/feed-state.ts';
import type { Services } from '../src/chat/services.ts';

/** One line per polled feed: when it last worked, what it last failed with, how many articles it gave. */
function feedBlocks(feeds: readonly FeedStatus[]): ReplyBlock[] {
  if (feeds.length === 0) return [];
  const lines = feeds.map((feed) => {
    const success = feed.lastSuccess ? `last success ${feed.lastSuccess.slice(0, 16).replace('T', ' ')} UTC` : 'never polled successfully';
    const error = feed.lastError ? `; last error ${feed.lastError.at.slice(0, 16).replace('T', ' ')} UTC: ${feed.lastError.message}` : '';
    return `${feed.publisher} (${feed.url}): ${plural(feed.articles, 'article')}, ${success}${error}`;
  });
  return [{ type: 'text', text: `Feeds:\n${lines.join('\n')}` }];
}

export const sourcesCommand: CommandDefinition<Services> = {
  name: 'sources',
  description: 'What the news corpus covers: publishers, articles, dates',
  options: [],
  textOption: null,
  visibility: 'private',
  async run(_invocation, services): Promise<Reply> {
    const [stats, articles] = await Promise.all([services.search.stats(), services.search.articles()]);
    if (stats.articles === 0) {
      const text = 'The corpus is empty: there is nothing to quote yet.';
      return { blocks: [{ type: 'header', text: 'Sources' }, { type: 'text', text }], summary: text };
    }
    const perPublisher = new Map<string, number>();
    for (const article of articles) perPublisher.set(article.publisher, (perPublisher.get(article.publisher) ?? 0) + 1);
    const publishers = [...stats.publishers]
      .sort((a, b) => (perPublisher.get(b) ?? 0) - (perPublisher.get(a) ?? 0) || a.localeCompare(b))
      .map((name) => `${name} (${perPublisher.get(name) ?? 0})`);
    const range = dateRange(stats.firstDate, stats.lastDate) || 'unknown';
    const summary =
      `${plural(stats.articles, 'article')} from ${plural(stats.publishers.length, 'publisher')}, ${range}, ` +
      `${plural(stats.sentences, 'sentence')}.`;
    return {
      blocks: [
        { type: 'header', text: 'Sources' },
        {
          type: 'fields',
          fields: [
            { label: 'Articles', value: String(stats.articles) },
            { label: 'Publishers', value: String(stats.publishers.length) },
            { label: 'Dates', value: range },
            { label: 'Sentences', value: String(stats.sentences) },
          ],
        },
        { type: 'text', text: `Publishers (articles): ${publishers.join(', ')}` },
        ...feedBlocks(services.feeds?.() ?? []),
        { type: 'context', text: 'Only these articles are searched; an answer never goes beyond them.' },
      ],
      summary: `Sources: ${summary}`,
    };
  },
};
