// A local news site for feed tests: node:http on 127.0.0.1, port 0, so nothing ever reaches the
// internet. Each path answers as configured (status, headers, body, a delay or no answer at all), and
// every request is recorded so tests can check what the poller asked for (conditional headers).
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Answer 304 when the request carries this ETag in If-None-Match. */
  etag?: string;
  lastModified?: string;
  /** Send the body in chunks of this size without a Content-Length (a size cap must count while streaming). */
  chunked?: number;
  /** Never answer: the client must give up on its own. */
  hang?: boolean;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export class NewsSite {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Route>();
  private server: Server | null = null;
  private base = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.answer(req.url ?? '/', req.headers, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  route(path: string, route: Route): this {
    this.routes.set(path, route);
    return this;
  }

  /** Requests for `path` so far. */
  hits(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private answer(path: string, headers: IncomingHttpHeaders, res: ServerResponse): void {
    this.requests.push({ path, headers });
    const route = this.routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (route.hang) return;
    const validators: Record<string, string> = {};
    if (route.etag) validators.etag = route.etag;
    if (route.lastModified) validators['last-modified'] = route.lastModified;
    const fresh =
      (route.etag !== undefined && headers['if-none-match'] === route.etag) ||
      (route.etag === undefined && route.lastModified !== undefined && headers['if-modified-since'] === route.lastModified);
    if (fresh) {
      res.writeHead(304, validators).end();
      return;
    }
    const body = route.body ?? '';
    res.writeHead(route.status ?? 200, { ...validators, ...route.headers });
    if (!route.chunked) {
      res.end(body);
      return;
    }
    const bytes = Buffer.from(body);
    for (let at = 0; at < bytes.length; at += route.chunked) res.write(bytes.subarray(at, at + route.chunked));
    res.end();
  }
}

export const RSS_TYPE = { 'content-type': 'application/rss+xml; charset=utf-8' };
export const ATOM_TYPE = { 'content-type': 'application/atom+xml; charset=utf-8' };
export const HTML_TYPE = { 'content-type': 'text/html; charset=utf-8' };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface FeedItemSpec {
  title: string;
  link: string;
  /** RFC 822 for RSS (`Fri, 14 Jun 2024 09:00:00 +0300`), ISO 8601 for Atom; omitted: no date. */
  date?: string;
}

export function rssFeed(title: string, items: readonly FeedItemSpec[]): string {
  const entries = items.map(
    (item) =>
      `<item><title>${escape(item.title)}</title><link>${escape(item.link)}</link><guid>${escape(item.link)}</guid>` +
      `${item.date ? `<pubDate>${item.date}</pubDate>` : ''}<description>Summary of ${escape(item.title)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${escape(title)}</title><link>http://127.0.0.1/</link><description>News</description>
${entries.join('\n')}
</channel></rss>`;
}

export function atomFeed(title: string, items: readonly FeedItemSpec[]): string {
  const entries = items.map(
    (item) =>
      `<entry><title>${escape(item.title)}</title><link rel="alternate" href="${escape(item.link)}"/><id>${escape(item.link)}</id>` +
      `${item.date ? `<published>${item.date}</published>` : ''}<updated>2024-06-20T00:00:00Z</updated></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${escape(title)}</title><id>urn:test:${escape(title)}</id><updated>2024-06-20T00:00:00Z</updated>
${entries.join('\n')}
</feed>`;
}

export interface PageSpec {
  title: string;
  paragraphs: readonly string[];
  /** ISO date for article:published_time; omitted: the page states no date anywhere. */
  published?: string;
  canonical?: string;
}

/** An article page wrapped in the boilerplate real sites carry: navigation, share buttons, newsletter, comments, footer. */
export function articlePage(page: PageSpec): string {
  return `<!doctype html><html lang="en"><head><title>${escape(page.title)} | Local Gazette</title>
${page.canonical ? `<link rel="canonical" href="${escape(page.canonical)}">` : ''}
<meta property="og:site_name" content="Local Gazette">
${page.published ? `<meta property="article:published_time" content="${page.published}">` : ''}</head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/login">Log in</a></nav></header>
<main><article><h1>${escape(page.title)}</h1>
<div class="share">Send a link to a friend&nbsp; Share</div>
${page.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
<p>(Reporting by Local Gazette; Editing by Kevin Liffey)</p>
</article>
<aside><h3>Newsletter</h3><p>Get a note directly from our foreign correspondents. Sign up for the weekly What in the World newsletter here.</p></aside>
<section><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p></section></main>
<footer><p>© 2024 Local Gazette. All rights reserved.</p><a href="#top">Back to top</a></footer></body></html>`;
}
