// An HTML page → the article in it, in the shape clean.ts gives for text.
//
// Mozilla Readability finds the article (it drops navigation, ads, footers); linkedom is the DOM it
// runs on. Readability's cleaned HTML is then walked once to keep the structure the corpus needs:
// each block element (<p>, <li>, <blockquote>, a <br>) is a paragraph, <h2>…<h6> subheadings,
// <figcaption> captions. The paragraphs then go through the same rules as plain text, because
// pages carry the same boilerplate ("Read more: …", credit lines, copyright notices).
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanParagraphs, emptyHints, parseDateText, type CleanHints, type CleanResult, type RawParagraph } from './clean.ts';

// linkedom's DOM is close enough to the browser's for what we touch; these are the parts we use.
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
}
interface DomDocument {
  documentElement: DomElement | null;
  body: DomNode | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'BUTTON', 'SVG', 'IFRAME', 'SELECT', 'TEXTAREA', 'INPUT']);
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI',
  'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD',
  'TR', 'UL',
]);

function kindOf(tag: string): RawParagraph['kind'] | null {
  if (tag === 'H1') return 'title';
  if (/^H[2-6]$/.test(tag)) return 'headline';
  if (tag === 'FIGCAPTION') return 'caption';
  return null;
}

/** Block structure of Readability's output → paragraphs, each with the kind its markup gives it. */
export function paragraphsOfHtml(root: DomNode): RawParagraph[] {
  const paragraphs: RawParagraph[] = [];
  let buffer = '';
  let bufferKind: RawParagraph['kind'] | null = null;
  const flush = () => {
    const text = buffer.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push({ text, kind: bufferKind ?? 'body', fixed: bufferKind !== null });
    buffer = '';
  };
  const walk = (node: DomNode, kind: RawParagraph['kind'] | null) => {
    if (node.nodeType === TEXT_NODE) {
      if (buffer === '' || bufferKind !== kind) {
        if (buffer.trim()) flush();
        bufferKind = kind;
      }
      buffer += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE || SKIPPED.has(node.nodeName.toUpperCase())) return;
    const tag = node.nodeName.toUpperCase();
    const block = BLOCKS.has(tag);
    if (block) flush();
    const inner = kindOf(tag) ?? kind;
    for (const child of Array.from(node.childNodes)) walk(child, inner);
    if (block) flush();
  };
  walk(root, null);
  flush();
  return paragraphs;
}

function pageHints(document: DomDocument): CleanHints & { title: string | null } {
  const meta = (...selectors: string[]) => {
    for (const selector of selectors) {
      const element = document.querySelector(selector);
      const value = element?.getAttribute('content') ?? element?.getAttribute('href') ?? element?.getAttribute('datetime');
      if (value?.trim()) return value.trim();
    }
    return null;
  };
  const url = meta('link[rel="canonical"]', 'meta[property="og:url"]');
  const published = meta(
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="pubdate"]',
    'meta[name="publish-date"]',
    'meta[name="DC.date.issued"]',
    'time[datetime]',
  );
  // The article's own <h1> is its headline (a site logo may be an <h1> too: then only inside the
  // article); <title> often carries the site name ("… | Example News"), og:title less often.
  const h1 = document.querySelector('article h1, main h1') ?? (document.querySelectorAll('h1').length === 1 ? document.querySelector('h1') : null);
  const heading = h1?.textContent?.replace(/\s+/g, ' ').trim();
  return {
    ...emptyHints(),
    title: heading || meta('meta[property="og:title"]'),
    url: url && /^https?:\/\/\S+$/.test(url) ? url : null,
    published: published ? parseDateText(published) : null,
    dateline: published,
    siteName: meta('meta[property="og:site_name"]', 'meta[name="application-name"]'),
    author: meta('meta[name="author"]', 'meta[property="article:author"]'),
    language: document.documentElement?.getAttribute('lang') ?? null,
  };
}

function authorOf(byline: string | null | undefined): string | null {
  const name = byline?.replace(/\s+/g, ' ').replace(/^By:?\s+/i, '').trim();
  // Readability sometimes returns a sentence or a profile link as the byline; a name is short.
  return name && name.length <= 80 && !/https?:|[.!?]$/.test(name) ? name : null;
}

/** True when some body paragraph reads like reporting: a sentence of eight words or more. */
function hasProse(result: CleanResult): boolean {
  return result.blocks.some(
    (block) => block.kind === 'body' && block.text.split(' ').length >= 8 && /[.!?…"”’)]$/.test(block.text),
  );
}

export interface HtmlOptions {
  publisher?: string | null;
}

/** The article in an HTML page, cleaned; null when the page has no article text. */
export function extractHtml(html: string, options: HtmlOptions = {}): CleanResult | null {
  const { document } = parseHTML(html);
  const hints = pageHints(document as unknown as DomDocument);
  let article: ReturnType<Readability['parse']>;
  try {
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  } catch {
    article = null; // Readability gives up on some malformed pages: for us that is a page without an article
  }
  if (!article?.content) return null;
  const content = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document;
  const paragraphs = paragraphsOfHtml(content.body as unknown as DomNode);
  const published = (article.publishedTime && parseDateText(article.publishedTime)) || hints.published;
  const { title: pageTitle, ...pageMeta } = hints;
  const result = cleanParagraphs(paragraphs, {
    publisher: options.publisher ?? null,
    title: pageTitle || article.title?.replace(/\s+/g, ' ').trim() || null,
    hints: {
      ...pageMeta,
      published,
      dateline: published === hints.published ? hints.dateline : (article.publishedTime ?? null),
      author: authorOf(article.byline) ?? authorOf(hints.author),
      siteName: article.siteName?.trim() || hints.siteName,
      language: (article.lang || hints.language)?.split(/[-_]/)[0]?.toLowerCase() || null,
    },
  });
  return hasProse(result) ? result : null;
}
