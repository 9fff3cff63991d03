// The claim checker behind `/check`, `factbot check` and `factbot timeline`. It shows what the corpus
// says about a claim — verbatim sentences, their sources, who said them, how widely they are carried —
// and never calls a claim true or false.
import type { Sentence } from '../corpus/types.ts';
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
export function toEvidence(ranked: RankedHit): Evidence {
  const { type, speaker } = classifyStatement(ranked.sentences as Sentence[], ranked.position);
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
    const articleCoverage = new Map<readonly Sentence[], number>();
    const evidence: AssessedHit[] = [];
    for (const ranked of retrieval.ranked) {
      // Ranked best first, so once a score is below both gates nothing after it can pass.
      if (ranked.scored.score < Math.max(this.thresholds.minScore, this.thresholds.relativeScore * best)) break;
      let coverage = articleCoverage.get(ranked.sentences);
      if (coverage === undefined) {
        coverage = retrieval.scorer.coverage(retrieval.scorer.union(ranked.sentences.map((s) => s.text)));
        articleCoverage.set(ranked.sentences, coverage);
      }
      const { features, score } = ranked.scored;
      const strength = strengthOf({ score, coverage: features.coverage, keyCoverage: features.keyCoverage, articleCoverage: coverage }, best, this.thresholds);
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
      evidence: page(assessment.evidence, options).map(toEvidence),
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
    return { topic, entries: shown.map(toEvidence), note };
  }

  /** "5 articles from 5 publishers, 2022-09-14 to 2025-11-27": what was searched. */
  private async coverageLine(): Promise<string> {
    const stats = await this.index.stats();
    const articles = `${stats.articles} article${stats.articles === 1 ? '' : 's'}`;
    const publishers = `${stats.publishers.length} publisher${stats.publishers.length === 1 ? '' : 's'}`;
    const span = stats.firstDate && stats.lastDate ? `, ${stats.firstDate} to ${stats.lastDate}` : '';
    return `${articles} from ${publishers}${span}`;
  }
}

export function createClaimChecker(index: ClaimIndex, options: CheckerOptions = {}): ClaimCheckerImpl {
  return new ClaimCheckerImpl(index, options);
}
