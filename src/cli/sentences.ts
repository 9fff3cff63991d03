// `factbot sentences <article-id>`: the sentences of one article as the index sees them.
import { articleSentences } from '../corpus/article-sentences.ts';
import { loadCorpus } from '../corpus/load.ts';
import { corpusDir, parseOptions, UsageError, type Subcommand } from './io.ts';

export const sentencesCommand: Subcommand = {
  name: 'sentences',
  summary: 'print the sentences of one article with their ids',
  usage: `Usage: factbot sentences <article-id> [--json] [--corpus DIR]

Prints each sentence of the article with its id (<article-id>#<n>), paragraph and kind
(headline, body, caption). The text is verbatim, as published.

Options:
  --json        print [{"id", "text", "kind", "paragraph"}]
  --corpus DIR  the corpus folder (default: $FACTBOT_CORPUS or ./corpus)`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' }, corpus: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('expected exactly one article id');
    const id = positionals[0]!;
    const { articles } = await loadCorpus(corpusDir(values.corpus, io));
    const article = articles.find((a) => a.id === id);
    if (!article) {
      const near = articles.filter((a) => a.id.includes(id)).map((a) => a.id);
      io.err(`factbot sentences: no valid article with id '${id}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`);
      return 2;
    }
    const sentences = articleSentences(article);
    if (values.json) {
      io.out(JSON.stringify(sentences.map(({ id, text, kind, paragraph }) => ({ id, text, kind, paragraph })), null, 2));
    } else {
      for (const s of sentences) io.out(`${s.id}  [¶${s.paragraph} ${s.kind}]  ${s.text}`);
    }
    return 0;
  },
};
