// `factbot corpus check`: validates every corpus file and aliases.yaml, listing every problem at once.
import { loadAliases } from '../corpus/aliases.ts';
import { loadCorpus } from '../corpus/load.ts';
import { formatProblem } from '../corpus/types.ts';
import { corpusDir, parseOptions, type Subcommand } from './io.ts';

export const corpusCheck: Subcommand = {
  name: 'corpus check',
  summary: 'validate the corpus files and aliases.yaml',
  usage: `Usage: factbot corpus check [--corpus DIR]

Checks every file in <corpus>/articles/**/*.md (front matter fields, real dates, a non-empty body,
UTF-8) and <corpus>/aliases.yaml. Prints 'path:line: what is wrong' for every problem.

Options:
  --corpus DIR  the corpus folder (default: $FACTBOT_CORPUS or ./corpus)

Exit codes: 0 no problems, 1 problems found.`,
  async run(args, io) {
    const { values } = parseOptions(args, { corpus: { type: 'string' } });
    const dir = corpusDir(values.corpus, io);
    const [corpus, aliases] = await Promise.all([loadCorpus(dir), loadAliases(dir)]);
    const problems = [...corpus.problems, ...aliases.problems];
    for (const problem of problems) io.out(formatProblem(problem));
    const publishers = new Set(corpus.articles.map((a) => a.publisher)).size;
    const summary = `${corpus.articles.length} articles from ${publishers} publishers, ${aliases.table.groups.length} alias groups`;
    if (problems.length > 0) {
      io.err(`${problems.length} problem(s) found; ${summary} are valid.`);
      return 1;
    }
    io.out(`ok: ${summary}.`);
    return 0;
  },
};
