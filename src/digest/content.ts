// What a digest says, and the neutral Reply that says it. Two parts, each line with its citation:
//  - new in the corpus: articles first seen since the channel's last digest (see store.ts articles_seen),
//    each with one or two verbatim sentences (pick.ts says how they are chosen); with a topic, only
//    articles with sentences matching the topic query, and only those sentences;
//  - checked in this channel: each claim once, its match strength and best source (no user names).
// A footer gives the corpus coverage and says that the bot shows what sources say. Renderers fit the Reply
// to Discord's and Slack's limits; the counts here keep it short before that.
import { citationLine, dateRange, plural, truncate } from '../chat/format.ts';
import type { Citation, Reply, ReplyBlock } from '../chat/model.ts';
import type { Article } from '../corpus/types.ts';
import type { SearchBackend } from '../search/backend.ts';
import { MAX_QUOTE_LIMIT, type CorpusStats, type Hit, type HitArticle } from '../search/types.ts';
import { pickCentralSentences, sentenceOrder } from './pick.ts';
import { formatLocal } from './schedule.ts';
import type { ChannelRef, CheckLogEntry, CheckTopSource, DigestStore } from './store.ts';

/** Topic search pages read at most (25 hits each): enough to reach the new articles among old matches. */
const MAX_TOPIC_PAGES = 40;
const TOPIC_SENTENCES_PER_ARTICLE = 2;
const CLAIM_LABEL_LENGTH = 90;

export interface DigestSentence {
  id: string;
  text: string;
  highlights: Array<[number, number]>;
}

/** An article as a digest lists it: the citation fields of a search hit, plus what is new about it. */
export interface DigestArticle extends HitArticle {
  firstSeenAt: number;
  sentences: DigestSentence[];
}

export type DigestCheck = Omit<CheckLogEntry, 'platform' | 'channelId'> & { times: number };

export interface DigestContent {
  /** The window (since, until], ms since epoch. */
  since: number;
  until: number;
  topic: string | null;
  method: 'centrality' | 'topic';
  articles: DigestArticle[];
  /** New articles left out to keep the digest short. */
  moreArticles: number;
  checks: DigestCheck[];
  moreChecks: number;
  coverage: CorpusStats;
}

export interface ContentRequest {
  /** Whose checks to list; null lists none (the CLI preview without --channel). */
  channel: ChannelRef | null;
  since: number;
  until: number;
  topic: string | null;
  maxArticles: number;
  maxChecks: number;
}

export type ContentSources = { search: SearchBackend; store: Pick<DigestStore, 'articlesFirstSeen' | 'checks'> };

async function topicHits(search: SearchBackend, topic: string, articleIds: ReadonlySet<string>): Promise<Map<string, Hit[]>> {
  const byArticle = new Map<string, Hit[]>();
  for (let page = 0, offset = 0; page < MAX_TOPIC_PAGES; page++) {
    const result = await search.quote(topic, { limit: MAX_QUOTE_LIMIT, offset });
    for (const hit of result.results) {
      if (articleIds.has(hit.article.id)) byArticle.set(hit.article.id, [...(byArticle.get(hit.article.id) ?? []), hit]);
    }
    offset += result.results.length;
    if (result.results.length === 0 || offset >= result.total) break;
  }
  return byArticle;
}

function articleEntry(article: Article, firstSeenAt: number, sentences: DigestSentence[]): DigestArticle {
  const { id, title, publisher, published, dateInferred, url } = article;
  return { id, title, publisher, published, dateInferred, url, firstSeenAt, sentences };
}

/** Each claim once (a More or Post re-run logs it again), the latest result kept, oldest first. */
function distinctChecks(entries: readonly CheckLogEntry[]): DigestCheck[] {
  const byClaim = new Map<string, DigestCheck>();
  for (const { platform: _platform, channelId: _channel, ...entry } of entries) {
    const key = entry.claim.toLowerCase().replace(/\s+/g, ' ').trim();
    const times = (byClaim.get(key)?.times ?? 0) + 1;
    byClaim.delete(key);
    byClaim.set(key, { ...entry, times });
  }
  return [...byClaim.values()];
}

export async function buildDigestContent(sources: ContentSources, request: ContentRequest): Promise<DigestContent> {
  const { search, store } = sources;
  const firstSeen = await store.articlesFirstSeen(request.since, request.until);
  // search.articles() is newest first; an article seen once but since removed from the corpus drops out.
  const fresh = (await search.articles()).filter((a) => firstSeen.has(a.id));
  const articles: DigestArticle[] = [];
  let matching = fresh.length;

  if (request.topic) {
    const hits = await topicHits(search, request.topic, new Set(fresh.map((a) => a.id)));
    const withHits = fresh.filter((a) => hits.has(a.id));
    matching = withHits.length;
    for (const article of withHits.slice(0, request.maxArticles)) {
      const best = (hits.get(article.id) ?? []).slice(0, TOPIC_SENTENCES_PER_ARTICLE);
      best.sort((a, b) => sentenceOrder(a.sentenceId) - sentenceOrder(b.sentenceId));
      const sentences = best.map((h) => ({ id: h.sentenceId, text: h.text, highlights: h.highlights }));
      articles.push(articleEntry(article, firstSeen.get(article.id) ?? request.until, sentences));
    }
  } else {
    for (const article of fresh.slice(0, request.maxArticles)) {
      const picked = pickCentralSentences((await search.sentencesOf(article.id)) ?? []);
      const sentences = picked.map((s) => ({ id: s.id, text: s.text, highlights: [] as Array<[number, number]> }));
      articles.push(articleEntry(article, firstSeen.get(article.id) ?? request.until, sentences));
    }
  }

  const checks = request.channel ? distinctChecks(await store.checks(request.channel, request.since, request.until)) : [];
  return {
    since: request.since,
    until: request.until,
    topic: request.topic,
    method: request.topic ? 'topic' : 'centrality',
    articles,
    moreArticles: matching - articles.length,
    // The most recent checks are the ones kept when there are too many.
    checks: checks.slice(-request.maxChecks),
    moreChecks: Math.max(0, checks.length - request.maxChecks),
    coverage: await search.stats(),
  };
}

export function isEmptyDigest(content: DigestContent): boolean {
  return content.articles.length === 0 && content.moreArticles === 0 && content.checks.length === 0;
}

function articleCitation(article: DigestArticle): Citation {
  return { publisher: article.publisher, published: article.published, dateInferred: article.dateInferred, title: article.title, url: article.url };
}

function checkCitation(top: CheckTopSource, label: string): Citation {
  return { publisher: top.publisher, published: top.published, dateInferred: top.dateInferred, title: top.title, url: top.url, label };
}

const MATCH_WORDS = { strong: 'strong match', partial: 'partial match', none: 'no match' } as const;

export function methodNote(content: Pick<DigestContent, 'method' | 'topic'>): string {
  return content.method === 'topic'
    ? `Only new sentences matching “${truncate(content.topic ?? '', 80)}”, the best two per article by search rank.`
    : 'Sentences picked as the most central of each article: those sharing the most words with the rest of it and its headline.';
}

export function coverageNote(coverage: CorpusStats): string {
  const range = dateRange(coverage.firstDate, coverage.lastDate);
  return (
    `Corpus: ${plural(coverage.articles, 'article')} from ${plural(coverage.publishers.length, 'publisher')}${range ? `, ${range}` : ''}. ` +
    'factbot shows what its sources say, verbatim; it does not judge whether a claim is true.'
  );
}

export interface RenderOptions {
  /** The local date the digest is for (its title). */
  localDate: string;
  timezone: string;
  /** Nothing new: 'skip' gives null (post nothing), 'note' one line. */
  whenEmpty: 'skip' | 'note';
}

/** The digest as a neutral Reply, or null when there is nothing to say and `whenEmpty` is 'skip'. */
export function renderDigest(content: DigestContent, options: RenderOptions): Reply | null {
  const since = formatLocal(content.since, options.timezone);
  if (isEmptyDigest(content)) {
    if (options.whenEmpty === 'skip') return null;
    const text = `factbot digest ${options.localDate}: nothing new${content.topic ? ` about “${truncate(content.topic, 80)}”` : ''} since ${since}.`;
    return { blocks: [{ type: 'text', text }], summary: text };
  }
  const title = content.topic ? `Digest: ${truncate(content.topic, 60)} · ${options.localDate}` : `Daily digest · ${options.localDate}`;
  const articleCount = content.articles.length + content.moreArticles;
  const checkCount = content.checks.length + content.moreChecks;
  const counts = `${plural(articleCount, 'new article')}${checkCount > 0 ? `, ${plural(checkCount, 'claim')} checked here` : ''}`;
  const blocks: ReplyBlock[] = [{ type: 'header', text: title }, { type: 'context', text: `Since ${since}: ${counts}.` }];

  if (articleCount > 0) {
    blocks.push({ type: 'header', text: 'New in the corpus' });
    for (const article of content.articles) {
      if (article.sentences.length === 0) {
        blocks.push({ type: 'text', text: `${article.title} (${citationLine(articleCitation(article))})${article.url ? ` ${article.url}` : ''}` });
      }
      for (const sentence of article.sentences) {
        blocks.push({ type: 'quote', text: sentence.text, highlights: sentence.highlights, citation: articleCitation(article) });
      }
    }
    if (content.moreArticles > 0) blocks.push({ type: 'context', text: `…and ${plural(content.moreArticles, 'more new article')}; /sources lists the corpus.` });
  }

  if (content.checks.length > 0) {
    blocks.push({ type: 'header', text: 'Checked in this channel' });
    for (const check of content.checks) {
      const claim = `“${truncate(check.claim, CLAIM_LABEL_LENGTH)}”`;
      const strength = check.match === 'strong' ? `strong match, ${plural(check.publishers, 'publisher')}` : MATCH_WORDS[check.match];
      // The best source's sentence is the quote; the claim and its match strength lead its citation line.
      if (check.top) blocks.push({ type: 'quote', text: check.top.text, highlights: [], citation: checkCitation(check.top, `checked ${claim} · ${strength}`) });
      else blocks.push({ type: 'text', text: `${claim}: no statement in the corpus matches it (that does not make it false).` });
    }
    if (content.moreChecks > 0) blocks.push({ type: 'context', text: `…and ${plural(content.moreChecks, 'earlier check')}.` });
  }

  blocks.push({ type: 'context', text: articleCount > 0 ? `${methodNote(content)} ${coverageNote(content.coverage)}` : coverageNote(content.coverage) });
  return { blocks, summary: `factbot digest ${options.localDate}: ${counts}` };
}
