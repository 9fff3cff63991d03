// The indexed articles by number, for SentenceStore. An article loaded from a snapshot is built only
// when first asked for (most queries touch the articles of five hits); what filters and ranking need
// for every article (id, path, publisher, date) is kept as small "facts" from the start.
import type { Article, ArticleMeta } from '../corpus/types.ts';
import type { ArticleFacts } from './field-filters.ts';

/** Builds article i of a snapshot (whole, or without blocks). */
export interface ArticleSource {
  article(i: number): Article;
  meta(i: number): ArticleMeta & { id: string };
}

export class ArticleTable {
  /** undefined: not built yet (see `source`); null: removed. */
  private articles: Array<Article | null | undefined> = [];
  private source: ArticleSource | null = null;
  private facts: ArticleFacts[] = [];
  private firsts: number[] = [];
  private counts: number[] = [];
  /** YYYYMMDD per article, 0 when unknown: the tie-breaker "newer first". */
  readonly dateKeys: number[] = [];
  private byId = new Map<string, number>();

  /** Numbers handed out, removed articles included. */
  get slots(): number {
    return this.articles.length;
  }

  /**
   * Appends an article whose sentences are numbers `first` … `first + count - 1`; `article` may be left
   * undefined when `source` (see fromSource) builds it. Returns the article number.
   */
  push(article: Article | undefined, facts: ArticleFacts, first: number, count: number): number {
    if (this.byId.has(facts.id)) throw new Error(`article '${facts.id}' is already indexed`);
    const { id, path, publisher, published, dateInferred } = facts;
    const no = this.articles.length;
    this.articles.push(article);
    this.facts.push({ id, path, publisher, published, dateInferred });
    this.firsts.push(first);
    this.counts.push(count);
    this.dateKeys.push(Number(published.replace(/-/g, '')) || 0);
    this.byId.set(id, no);
    return no;
  }

  /** Articles not built yet are built by `source` (numbers as given to push). */
  setSource(source: ArticleSource | null): void {
    this.source = source;
  }

  /** Marks an article removed; returns its number, or undefined when it is not indexed. */
  remove(id: string): number | undefined {
    const no = this.byId.get(id);
    if (no === undefined) return undefined;
    this.byId.delete(id);
    this.articles[no] = null;
    return no;
  }

  numberOf(id: string): number | undefined {
    return this.byId.get(id);
  }
  isRemoved(no: number): boolean {
    return this.articles[no] === null;
  }
  /** The id, also of a removed article (old results may still name it). */
  id(no: number): string {
    return this.facts[no]!.id;
  }
  range(no: number): { first: number; count: number } {
    return { first: this.firsts[no]!, count: this.counts[no]! };
  }

  article(no: number): Article | null {
    const article = this.articles[no];
    if (article !== undefined) return article;
    if (!this.source || no >= this.articles.length) return null;
    return (this.articles[no] = this.source.article(no));
  }

  /** Metadata without blocks (cheap for a snapshot article), or null once removed. */
  meta(no: number): (ArticleMeta & { id: string }) | null {
    const article = this.articles[no];
    if (article !== undefined) return article;
    return this.source && no < this.articles.length ? this.source.meta(no) : null;
  }

  factsOf(no: number): ArticleFacts | null {
    return this.articles[no] === null ? null : (this.facts[no] ?? null);
  }

  indexedFacts(): ArticleFacts[] {
    return this.facts.filter((_, no) => this.articles[no] !== null);
  }

  /** Every indexed article in order; `keep: false` builds missing ones without keeping them (snapshots). */
  indexedArticles(keep = true): Article[] {
    const out: Article[] = [];
    for (let no = 0; no < this.articles.length; no++) {
      const built = this.articles[no];
      const article = built !== undefined || keep ? this.article(no) : (this.source?.article(no) ?? null);
      if (article) out.push(article);
    }
    return out;
  }

  /**
   * The alive articles renumbered 0, 1, … in order, with `first` giving each one's new first sentence
   * number; unbuilt articles stay unbuilt. Returns the new table.
   */
  compacted(first: (no: number) => number): ArticleTable {
    const table = new ArticleTable();
    const origin: number[] = [];
    this.articles.forEach((article, no) => {
      if (article === null) return;
      origin.push(no);
      table.push(article, this.facts[no]!, first(no), this.counts[no]!);
    });
    const source = this.source;
    if (source) table.setSource({ article: (no) => source.article(origin[no]!), meta: (no) => source.meta(origin[no]!) });
    return table;
  }
}
