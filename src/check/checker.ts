// The claim checker behind `/check`, `factbot check` and `factbot timeline`. It shows what the corpus
// says about a claim — verbatim sentences, their sources, who said them, how widely they are carried —
// and never calls a claim true or false.
import type { Hit } from '../search/types.ts';
import { dateSpan, independentPublishers } from './corroboration.ts';
import { retrieve, type ClaimIndex, type RankedHit, type Retrieval, type RetrieveOptions } from './retrieve.ts';
import { classifyStatement } from './statement.ts';
import { DEFAULT_THRESHOLDS, strengthOf, strongest, type StrengthThresholds } from './strength.ts';
import { buildTimeline } from './timeline.ts';
import type { CheckOptions, CheckResult, ClaimChecker, Evidence, MatchStrength, TimelineResult } from './types.ts';

export const DEFAULT_CHECK_LIMIT = 5;

export interface CheckerOptions {
  retrieve?: RetrieveOptions;
  thresholds?: StrengthThresholds;
}

export interface AssessedHit extends RankedHit {
  strength: MatchStrength;
  /** Weighted share of the claim's terms anywhere in the hit's article. */
  articleCoverage: number;
}

export interface Assessment extends Retrieval {
  /** Every ranked candidate that bears on the claim (strength strong or partial), best first. */
  evidence: AssessedHit[];
  match: MatchStrength;
}

/** Adds statement type and speaker; highlights and score become the checker's own. */
export async function toEvidence(ranked: RankedHit, retrieval: Retrieval): Promise<Evidence> {
  const sentences = await retrieval.sentencesOf(ranked.hit.article.id);
  const { type, speaker } = ranked.position < sentences.length ? classifyStatement(sentences, ranked.position) : { type: 'text' as const, speaker: null };
  const hit: Hit = { ...ranked.hit, highlights: ranked.scored.highlights, score: Math.round(ranked.scored.score * 1000) / 1000 };
  return { ...hit, type, speaker };
}

function page<T>(items: readonly T[], options: CheckOptions): T[] {
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_CHECK_LIMIT));
  return items.slice(offset, offset + limit);
}

export class ClaimCheckerImpl implements ClaimChecker {
  private readonly thresholds: StrengthThresholds;
  /** The coverage line and the index size it was computed at: stats() walks every article (15 ms at 1M sentences). */
  private coverage: { sentences: number; line: string } | null = null;

  constructor(
    readonly index: ClaimIndex,
    private readonly options: CheckerOptions = {},
  ) {
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  }

  /** Ranks the corpus for a claim and decides each candidate's strength (the benchmark calls this). */
  async assess(claim: string): Promise<Assessment> {
    const retrieval = await retrieve(this.index, claim, this.options.retrieve);
    const best = retrieval.ranked[0]?.scored.score ?? 0;
    const articleCoverage = new Map<string, number>();
    const evidence: AssessedHit[] = [];
    for (const ranked of retrieval.ranked) {
      // Ranked best first, so once a score is below both gates nothing after it can pass.
      if (ranked.scored.score < Math.max(this.thresholds.minScore, this.thresholds.relativeScore * best)) break;
      const articleId = ranked.hit.article.id;
      let coverage = articleCoverage.get(articleId);
      if (coverage === undefined) {
        const sentences = await retrieval.sentencesOf(articleId);
        coverage = retrieval.scorer.coverage(retrieval.scorer.union(sentences.map((s) => s.text)));
        articleCoverage.set(articleId, coverage);
      }
      const { features, score } = ranked.scored;
      const strength = strengthOf({ score, coverage: features.coverage, keyCoverage: features.keyCoverage, articleCoverage: coverage }, best, this.thresholds);
      // The claim-level decision rests on the best sentence: if it does not bear on the claim, a lower
      // one from another article passing the gates is a coincidence of common words, not evidence.
      if (strength === 'none' && evidence.length === 0) break;
      if (strength !== 'none') evidence.push({ ...ranked, strength, articleCoverage: coverage });
    }
    return { ...retrieval, evidence, match: strongest(evidence.map((e) => e.strength)) };
  }

  async check(claim: string, options: CheckOptions = {}): Promise<CheckResult> {
    const assessment = await this.assess(claim);
    const strong = assessment.evidence.filter((e) => e.strength === 'strong').map((e) => e.hit);
    const all = assessment.evidence.map((e) => e.hit);
    const { firstDate, lastDate } = dateSpan(strong.length > 0 ? strong : all);
    let note: string | null = null;
    if (assessment.analysis.terms.length === 0) {
      note = 'The claim has no words to search for: write it as a sentence, e.g. "Putin rejected a peace deal".';
    } else if (assessment.match === 'none') {
      note = `No statement in the corpus matches this claim (${await this.coverageLine()}). That does not make it false.`;
    }
    return {
      claim,
      match: assessment.match,
      evidence: await Promise.all(page(assessment.evidence, options).map((e) => toEvidence(e, assessment))),
      publishers: independentPublishers(strong, (text) => this.index.pipeline.terms(text)),
      firstDate,
      lastDate,
      note,
    };
  }

  async timeline(topic: string, options: CheckOptions = {}): Promise<TimelineResult> {
    const retrieval = await retrieve(this.index, topic, { ...this.options.retrieve, candidates: 1000 });
    const entries = buildTimeline(retrieval, (text) => this.index.pipeline.terms(text));
    let note: string | null = null;
    if (entries.length === 0) note = `No statement in the corpus is about "${topic.trim()}" (${await this.coverageLine()}).`;
    const shown = page(entries, { limit: options.limit ?? entries.length, offset: options.offset });
    return { topic, entries: await Promise.all(shown.map((e) => toEvidence(e, retrieval))), note };
  }

  /** "5 articles from 5 publishers, 2022-09-14 to 2025-11-27": what was searched. */
  private async coverageLine(): Promise<string> {
    // Recomputed when the number of indexed sentences changes (every upsert or removal of a real article
    // does); an article replaced by one of exactly the same length keeps the old line until then.
    if (this.coverage?.sentences === this.index.scoring.sentences) return this.coverage.line;
    const stats = await this.index.stats();
    const articles = `${stats.articles} article${stats.articles === 1 ? '' : 's'}`;
    const publishers = `${stats.publishers.length} publisher${stats.publishers.length === 1 ? '' : 's'}`;
    const span = stats.firstDate && stats.lastDate ? `, ${stats.firstDate} to ${stats.lastDate}` : '';
    const line = `${articles} from ${publishers}${span}`;
    this.coverage = { sentences: stats.sentences, line };
    return line;
  }
}

export function createClaimChecker(index: ClaimIndex, options: CheckerOptions = {}): ClaimCheckerImpl {
  return new ClaimCheckerImpl(index, options);
}
