// Turns an article into its sentences with stable ids.
import { splitSentences } from './sentences.ts';
import type { Article, Sentence } from './types.ts';

/**
 * The title is sentence #1 (paragraph 0, kind headline); then every block in order. Ids depend only on
 * this article's own text, so adding or removing other articles never changes them.
 */
export function articleSentences(article: Pick<Article, 'id' | 'title' | 'blocks'>): Sentence[] {
  const sentences: Sentence[] = [];
  const push = (text: string, kind: Sentence['kind'], paragraph: number) =>
    sentences.push({ id: `${article.id}#${sentences.length + 1}`, articleId: article.id, text, kind, paragraph });
  push(article.title, 'headline', 0);
  article.blocks.forEach((block, i) => {
    // Headlines and captions are one unit each: splitting "Putin: U.S. Plan Contains 28 Points" helps nobody.
    const parts = block.kind === 'body' ? splitSentences(block.text) : [block.text];
    for (const text of parts) push(text, block.kind, i + 1);
  });
  return sentences;
}
