// npm run bench:speakers -- [--data DIR] [--split test|dev|train] [--show N] [--json]
//
// Speaker attribution (src/check/statement.ts) against PolNeAR's hand-annotated attribution relations
// (political news, 2015-16; see /work/shared/datasets/polnear/README.md; the data is read in place and
// never copied into the repo). Each article is split the way the corpus is (title, then paragraphs
// through splitSentences), every body sentence is classified, and the sentence is compared with the
// relations whose content overlaps it (one annotator per article, so doubly annotated ones count once).
//
//   precision   of the sentences where we name a speaker and the gold source is a name or noun phrase,
//               the share where the speaker shares a word with one overlapping relation's source
//               ("Vladimir Putin" ~ "Russian President Vladimir Putin"); lenient when a sentence holds
//               several relations, since any of them counts
//   pronoun     gold sources that are only "he"/"she"/"who" (or a cue word such as "said" annotated as the
//               source) cannot be checked from the spans (the dataset has no coreference); they are
//               counted apart and --show N prints them to judge by hand
//   unannotated a speaker named where no relation overlaps: an error or an annotation gap
//   coverage    of the sentences that overlap a relation with a source, the share where we name one
//               (all, and those whose content is a direct quote)
//   type        of the sentences overlapping a direct-quote relation, the share typed quote or reported
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { classifyStatement } from '../src/check/statement.ts';
import { splitSentencesWithOffsets } from '../src/corpus/sentences.ts';
import type { Sentence } from '../src/corpus/types.ts';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '/work/shared/datasets/polnear' },
    split: { type: 'string', default: 'test' },
    show: { type: 'string', default: '0' },
    json: { type: 'boolean', default: false },
  },
});

interface Relation {
  split: string;
  article: string;
  annotator: string;
  type: string;
  source: { text: string; spans: Array<[number, number]> } | null;
  content: { text: string; spans: Array<[number, number]> };
  direct_quote: boolean;
}

/** Gold sources that name nobody: pronouns, relative words, and cue words annotated as the source ("said"). */
const PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'you', 'him', 'her', 'his', 'them', 'who', 'each', 'which', 'that', 'said', 'says', 'advises', 'told', 'wrote']);
const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'in', 'on', 'for', 'to', 'at']);
const words = (text: string) => text.toLowerCase().replace(/[’']s\b/g, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '' && !STOP.has(w));

function isRelation(value: unknown): value is Relation {
  const r = value as Partial<Relation> | null;
  return typeof r === 'object' && r !== null && typeof r.article === 'string' && typeof r.content === 'object' && r.content !== null;
}

/** Sentences with their [start, end) offsets in the article file: line 1 is the title, every other line a paragraph. */
function sentencesOf(id: string, text: string): Array<{ sentence: Sentence; start: number; end: number }> {
  const out: Array<{ sentence: Sentence; start: number; end: number }> = [];
  let paragraph = 0;
  for (const m of text.matchAll(/[^\n]+/g)) {
    const block = m[0];
    if (block.trim() === '') continue;
    const kind = paragraph === 0 ? 'headline' : 'body';
    const spans = kind === 'body' ? splitSentencesWithOffsets(block) : [{ text: block.trim(), start: block.indexOf(block.trim()), end: block.indexOf(block.trim()) + block.trim().length }];
    for (const s of spans) {
      out.push({ sentence: { id: `${id}#${out.length + 1}`, articleId: id, text: s.text, kind, paragraph }, start: m.index + s.start, end: m.index + s.end });
    }
    paragraph++;
  }
  return out;
}

const overlaps = (spans: Array<[number, number]>, start: number, end: number) => spans.some(([a, b]) => a < end && start < b);

async function main(): Promise<void> {
  const lines = (await readFile(join(args.data, 'derived/attributions.jsonl'), 'utf8')).split('\n').filter((l) => l.trim() !== '');
  const relations = lines.map((l): unknown => JSON.parse(l)).filter(isRelation).filter((r) => r.split === args.split);
  const annotatorOf = new Map<string, string>();
  for (const r of relations) if (!annotatorOf.has(r.article) || r.annotator < annotatorOf.get(r.article)!) annotatorOf.set(r.article, r.annotator);
  const byArticle = new Map<string, Relation[]>();
  for (const r of relations) if (r.annotator === annotatorOf.get(r.article)) byArticle.set(r.article, [...(byArticle.get(r.article) ?? []), r]);

  const n = { sentences: 0, named: 0, checked: 0, correct: 0, pronoun: 0, unannotated: 0, noSource: 0, gold: 0, goldNamed: 0, direct: 0, directNamed: 0, directTyped: 0 };
  const wrong: string[] = [];
  const pronounSample: string[] = [];
  const unannotated: string[] = [];
  const dir = join(args.data, 'raw/data', args.split, 'text');
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort()) {
    const id = file.slice(0, -4);
    const gold = byArticle.get(id) ?? [];
    const located = sentencesOf(id, await readFile(join(dir, file), 'utf8'));
    const sentences = located.map((l) => l.sentence);
    located.forEach(({ sentence, start, end }, index) => {
      if (sentence.kind !== 'body') return;
      n.sentences++;
      const { type, speaker } = classifyStatement(sentences, index);
      const here = gold.filter((r) => overlaps(r.content.spans, start, end));
      const sourced = here.filter((r) => r.source !== null && r.source.text.trim() !== '');
      if (sourced.length > 0) {
        n.gold++;
        if (speaker !== null) n.goldNamed++;
      }
      if (here.some((r) => r.direct_quote)) {
        n.direct++;
        if (speaker !== null && sourced.some((r) => r.direct_quote)) n.directNamed++;
        if (type !== 'text') n.directTyped++;
      }
      if (speaker === null) return;
      n.named++;
      if (here.length === 0) {
        n.unannotated++;
        unannotated.push(`${speaker}  <=  ${sentence.text.slice(0, 160)}`);
        return;
      }
      if (sourced.length === 0) return void n.noSource++;
      const named = sourced.filter((r) => !words(r.source!.text).every((w) => PRONOUNS.has(w)));
      if (named.length === 0) {
        n.pronoun++;
        pronounSample.push(`${speaker}  <=  ${sentence.text.slice(0, 160)}`);
        return;
      }
      n.checked++;
      const mine = words(speaker);
      if (named.some((r) => words(r.source!.text).some((w) => mine.includes(w)))) n.correct++;
      else wrong.push(`${speaker}  vs  ${named.map((r) => r.source!.text).join(' | ')}  <=  ${sentence.text.slice(0, 140)}`);
    });
  }

  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
  const report = {
    split: args.split, articles: byArticle.size, bodySentences: n.sentences, speakersNamed: n.named,
    precision: { correct: n.correct, checked: n.checked, value: pct(n.correct, n.checked) },
    pronounSourcesUnchecked: n.pronoun, namedWithoutAnnotation: n.unannotated, namedWhereGoldHasNoSource: n.noSource,
    coverage: { all: pct(n.goldNamed, n.gold), sentences: n.gold, directQuote: pct(n.directNamed, n.direct), directSentences: n.direct },
    directQuoteTypedQuoteOrReported: pct(n.directTyped, n.direct),
  };
  if (args.json) console.log(JSON.stringify({ ...report, wrong }, null, 2));
  else {
    console.log(`PolNeAR ${args.split}: ${report.articles} articles, ${n.sentences} body sentences, a speaker named for ${n.named}`);
    console.log(`precision     ${report.precision.value} (${n.correct}/${n.checked} with a named gold source)`);
    console.log(`pronoun gold  ${n.pronoun} named speakers whose gold source names nobody ("he", "who", "said"): not checkable`);
    console.log(`unannotated   ${n.unannotated} named where no relation overlaps; ${n.noSource} where the relation has no source`);
    console.log(`coverage      ${report.coverage.all} of ${n.gold} sentences with a sourced relation; ${report.coverage.directQuote} of ${n.direct} with a direct quote`);
    console.log(`type          ${report.directQuoteTypedQuoteOrReported} of direct-quote sentences typed quote or reported`);
    for (const w of wrong) console.log(`  wrong: ${w}`);
  }
  const show = Number(args.show);
  for (const line of pronounSample.slice(0, Number.isFinite(show) ? show : 0)) console.log(`  pronoun: ${line}`);
  for (const line of unannotated.slice(0, Number.isFinite(show) ? show : 0)) console.log(`  unannotated: ${line}`);
}

await main();
