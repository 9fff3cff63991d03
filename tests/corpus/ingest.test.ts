import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/corpus/article-file.ts';
import { ingestInput, ingestSource, type IngestOutcome } from '../../src/corpus/ingest.ts';
import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';

const PLAIN = `Kremlin: Russia open to Ukraine talks, but won't give up annexed regions

Send a link to a friend\u00a0 Share

[February 28, 2023]\u00a0 MOSCOW (Reuters) - The Kremlin on Tuesday repeated its position that Russia was open to negotiations.

Kremlin spokesman Dmitry Peskov attends a news conference in Moscow, Russia, December 22, 2022. Sputnik/Valeriy Sharifulin/Pool via REUTERS

Peskov said Russia was open to negotiations if Kyiv accepted Moscow's control over the regions.

(Reporting by Reuters; Editing by Kevin Liffey)

[© 2023 Thomson Reuters. All rights reserved.]

Back to top
`;

const ARTICLE_HTML = `<!doctype html><html lang="en"><head><title>Putin doubles demands | Example News</title>
<link rel="canonical" href="https://news.example.com/world/putin-doubles-demands">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-11-27T08:30:00Z"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Putin doubles territorial demands</h1>
<p class="byline">By Jane Doe</p>
<div class="share">Send a link to a friend&nbsp; Share</div>
<p>Russian President Vladimir Putin has sharply escalated his conditions for ending the war in Ukraine, demanding the full withdrawal of Ukrainian forces.</p>
<figure><img src="/p.jpg" alt=""><figcaption>Putin at the Security Council meeting in Moscow on Feb. 22. kremlin.ru</figcaption></figure>
<p><strong>See also</strong> <a href="/maui">Maui wildfires: 36 dead as inferno engulfs hospitals</a></p>
<h2>U.S. Plan Contains 28 Points</h2>
<p>“We discussed resolving the conflict in Ukraine with American negotiators before my visit to Alaska,” Putin said.<br>“In general, we agree that the plan could be used as a foundation for future negotiations.”</p>
<p>(Reporting by Example News; Editing by Kevin Liffey)</p>
</article>
<aside><h3>Newsletter</h3><p>Get a note directly from our foreign correspondents. Sign up for the weekly What in the World newsletter here.</p></aside>
<section><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p></section></main>
<footer><p>© 2025 Example News. All rights reserved.</p><a href="#top">Back to top</a></footer></body></html>`;

const NO_ARTICLE_HTML = `<!doctype html><html><head><title>Not found</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><h1>Page not found</h1><p>Sorry.</p><footer>© 2025</footer></body></html>`;

let server: Server;
let base: string;
let corpus: string;
let scratch: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (req.url === '/story.html') send(200, 'text/html; charset=utf-8', ARTICLE_HTML);
    else if (req.url === '/moved') {
      res.writeHead(301, { location: '/story.html' });
      res.end();
    } else if (req.url === '/not-an-article.html') send(200, 'text/html', NO_ARTICLE_HTML);
    else if (req.url === '/story.txt') send(200, 'text/plain', PLAIN);
    else if (req.url === '/slow') return; // never answers: the fetch must give up on its own
    else if (req.url === '/report.pdf') send(200, 'application/pdf', '%PDF-1.4');
    else if (req.url === '/latin1.txt') send(200, 'text/plain', Buffer.from([0x4b, 0x69, 0x65, 0x76, 0xe9, 0x0a]));
    else send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  corpus = await mkdtemp(join(tmpdir(), 'factbot-corpus-'));
  scratch = await mkdtemp(join(tmpdir(), 'factbot-input-'));
});
afterEach(async () => {
  await rm(corpus, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

async function written(): Promise<string[]> {
  return readdir(join(corpus, 'articles')).catch(() => []);
}

function expectFailed(outcome: IngestOutcome | undefined, pattern: RegExp) {
  expect(outcome?.status).toBe('failed');
  if (outcome?.status === 'failed') expect(outcome.message).toMatch(pattern);
}

async function inputFile(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, content);
  return path;
}

function captureIO(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), env: {}, cwd: scratch };
}

describe('ingesting plain text', () => {
  it('writes the cleaned article with metadata from the text and the flags', async () => {
    const outcome = await ingestSource(await inputFile('story.txt', PLAIN), { corpusDir: corpus, publisher: 'Reuters' });
    expect(outcome.status).toBe('written');
    if (outcome.status !== 'written') return;
    expect(outcome.id).toBe('2023-02-28-reuters-kremlin-russia-open-to-ukraine-talks');
    const parsed = parseArticleFile(outcome.path, await readFile(join(corpus, outcome.path), 'utf8'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta).toMatchObject({ publisher: 'Reuters', published: '2023-02-28', dateInferred: false, url: null });
    expect(parsed.meta?.title).toBe("Kremlin: Russia open to Ukraine talks, but won't give up annexed regions");
    expect(parsed.blocks).toEqual([
      { kind: 'body', text: 'MOSCOW (Reuters) - The Kremlin on Tuesday repeated its position that Russia was open to negotiations.' },
      { kind: 'caption', text: 'Kremlin spokesman Dmitry Peskov attends a news conference in Moscow, Russia, December 22, 2022. Sputnik/Valeriy Sharifulin/Pool via REUTERS' },
      { kind: 'body', text: "Peskov said Russia was open to negotiations if Kyiv accepted Moscow's control over the regions." },
    ]);
    expect(outcome.removed.map((r) => r.rule)).toEqual(['share-widget', 'bracketed-date-prefix', 'credit-line', 'copyright-notice', 'back-to-top']);
  });

  it('lets flags override what the source states', async () => {
    const outcome = await ingestSource(await inputFile('story.txt', PLAIN), {
      corpusDir: corpus, publisher: 'The Moscow Times', published: '2023-03-01', dateInferred: true, title: 'Talks possible', author: 'Jane Doe', url: 'https://example.com/a',
    });
    expect(outcome.status === 'written' && outcome.meta).toEqual({
      title: 'Talks possible', publisher: 'The Moscow Times', published: '2023-03-01', dateInferred: true, author: 'Jane Doe', url: 'https://example.com/a', language: 'en',
    });
    expect(await written()).toEqual(['2023-03-01-moscow-times-talks-possible.md']);
  });
});

describe('ingesting Markdown', () => {
  it('reads headings, joins the lines of a paragraph and unwraps links and emphasis', async () => {
    const md = `# Ukraine rejects the offer\n\nBy Rob Harris\n\nUkraine has **rejected** a deal, Reuters [reported](https://example.com/r)\non Friday.\n\n## Russia Wants Recognition\n\nThe Kremlin said the gathering would prove *futile*.\n\nRelated: [Other story](https://example.com/o)\n`;
    const outcome = await ingestSource(await inputFile('story.md', md), { corpusDir: corpus, publisher: 'SMH', published: '2024-06-14' });
    expect(outcome.status).toBe('written');
    if (outcome.status !== 'written') return;
    expect(outcome.meta).toMatchObject({ title: 'Ukraine rejects the offer', author: 'Rob Harris' });
    expect(outcome.blocks).toEqual([
      { kind: 'body', text: 'Ukraine has rejected a deal, Reuters reported on Friday.' },
      { kind: 'headline', text: 'Russia Wants Recognition' },
      { kind: 'body', text: 'The Kremlin said the gathering would prove futile.' },
    ]);
  });
});

describe('ingesting an HTML page over HTTP', () => {
  it('extracts the article, keeps structure, drops the boilerplate and reads the page metadata', async () => {
    const outcome = await ingestSource(`${base}/moved`, { corpusDir: corpus });
    expect(outcome.status).toBe('written');
    if (outcome.status !== 'written') return;
    expect(outcome.meta).toEqual({
      title: 'Putin doubles territorial demands', publisher: 'Example News', published: '2025-11-27', dateInferred: false,
      author: 'Jane Doe', url: 'https://news.example.com/world/putin-doubles-demands', language: 'en',
    });
    expect(outcome.blocks).toEqual([
      { kind: 'body', text: 'Russian President Vladimir Putin has sharply escalated his conditions for ending the war in Ukraine, demanding the full withdrawal of Ukrainian forces.' },
      { kind: 'caption', text: 'Putin at the Security Council meeting in Moscow on Feb. 22. kremlin.ru' },
      { kind: 'headline', text: 'U.S. Plan Contains 28 Points' },
      { kind: 'body', text: '“We discussed resolving the conflict in Ukraine with American negotiators before my visit to Alaska,” Putin said.' },
      { kind: 'body', text: '“In general, we agree that the plan could be used as a foundation for future negotiations.”' },
    ]);
    const file = await readFile(join(corpus, outcome.path), 'utf8');
    for (const junk of ['Share', 'Maui', 'newsletter', 'Leave a Reply', 'rights reserved', 'Editing by', 'Back to top', 'Home']) {
      expect(file).not.toContain(junk);
    }
  });

  it('uses the fetched address as url when the page names none', async () => {
    const outcome = await ingestSource(`${base}/story.txt`, { corpusDir: corpus, publisher: 'Reuters' });
    expect(outcome.status === 'written' && outcome.meta.url).toBe(`${base}/story.txt`);
  });

  it('fails on an HTTP error status, an unreachable port, wrong bytes and a page with no article', async () => {
    expectFailed(await ingestSource(`${base}/gone`, { corpusDir: corpus, publisher: 'X', published: '2024-01-01' }), /^HTTP error 404 Not Found$/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expectFailed(await ingestSource(`http://127.0.0.1:${port}/x`, { corpusDir: corpus }), /^cannot fetch: connection refused$/);
    expectFailed(await ingestSource(`${base}/latin1.txt`, { corpusDir: corpus }), /not valid UTF-8/);
    expectFailed(await ingestSource(`${base}/not-an-article.html`, { corpusDir: corpus, publisher: 'X' }), /no article found in the HTML page/);
    expectFailed(await ingestSource(`${base}/story.html`, { corpusDir: corpus, maxBytes: 1000 }), /larger than/);
    expectFailed(await ingestSource(`${base}/report.pdf`, { corpusDir: corpus }), /content type 'application\/pdf'/);
    expectFailed(await ingestSource(`${base}/slow`, { corpusDir: corpus, fetchTimeoutMs: 300 }), /^no answer within 0.3 s$/);
    expect(await written()).toEqual([]);
  });
});

describe('bad input and metadata', () => {
  it('names a missing file and bytes that are not UTF-8', async () => {
    expectFailed(await ingestSource(join(scratch, 'nope.txt'), { corpusDir: corpus }), /^no such file or directory$/);
    const latin1 = await inputFile('latin1.txt', Buffer.from('Title\n\nKiev caf\xe9 reopened after the talks ended today.\n', 'latin1'));
    expectFailed(await ingestSource(latin1, { corpusDir: corpus, publisher: 'X', published: '2024-01-01' }), /^not valid UTF-8 text/);
    expect(await written()).toEqual([]);
  });

  it('refuses an article without publisher or date, naming the missing field', async () => {
    const path = await inputFile('undated.txt', 'A headline\n\nThe Kremlin said on Tuesday that talks were possible.\n');
    expectFailed(await ingestSource(path, { corpusDir: corpus, published: '2024-01-01' }), /^missing publisher: pass --publisher "…"$/);
    expectFailed(await ingestSource(path, { corpusDir: corpus, publisher: 'Reuters' }), /^missing published date: pass --published YYYY-MM-DD$/);
    expect(await written()).toEqual([]);
  });

  it('refuses an impossible date', async () => {
    const path = await inputFile('story.txt', PLAIN);
    expectFailed(await ingestSource(path, { corpusDir: corpus, publisher: 'Reuters', published: '2023-02-30' }), /'2023-02-30' is not a real date/);
    const io = captureIO();
    expect(await main(['ingest', path, '--publisher', 'Reuters', '--published', '2023-02-30', '--corpus', corpus], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/--published '2023-02-30' is not a real date/);
    expect(await written()).toEqual([]);
  });
});

describe('duplicates, existing files and dry runs', () => {
  it('skips the same article by url and by normalised text, and says where it already is', async () => {
    const first = await ingestSource(await inputFile('a.txt', PLAIN), { corpusDir: corpus, publisher: 'Reuters', url: 'https://example.com/k' });
    expect(first.status).toBe('written');
    const other = 'Another headline\n\nA different story about the Black Sea grain deal, told in other words.\n';
    const byUrl = await ingestSource(await inputFile('b.txt', other), { corpusDir: corpus, publisher: 'X', published: '2024-01-01', url: 'https://EXAMPLE.com/k#top' });
    expect(byUrl).toMatchObject({ status: 'duplicate', reason: 'url', existingId: '2023-02-28-reuters-kremlin-russia-open-to-ukraine-talks' });

    const retyped = PLAIN.replace('Tuesday repeated', 'TUESDAY  repeated').replace("Moscow's", 'Moscow’s').replace('over the regions.', 'over the regions');
    const io = captureIO();
    const status = await main(['ingest', await inputFile('c.txt', retyped), '--publisher', 'AP', '--corpus', corpus], io);
    expect(status).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/already in the corpus as 2023-02-28-reuters-kremlin-russia-open-to-ukraine-talks \(same text\); skipped/);
    expect(await written()).toEqual(['2023-02-28-reuters-kremlin-russia-open-to-ukraine-talks.md']);
  });

  it('never overwrites an existing file with the same id', async () => {
    await mkdir(join(corpus, 'articles'));
    const target = join(corpus, 'articles', '2023-02-28-reuters-kremlin-russia-open-to-ukraine-talks.md');
    await writeFile(target, 'not even a valid corpus file\n');
    const io = captureIO();
    expect(await main(['ingest', await inputFile('a.txt', PLAIN), '--publisher', 'Reuters', '--corpus', corpus], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/already exists and holds another article: pass --id/);
    expect(await readFile(target, 'utf8')).toBe('not even a valid corpus file\n');
  });

  it('--dry-run shows the file and the removals and writes nothing', async () => {
    const io = captureIO();
    const status = await main(['ingest', await inputFile('a.txt', PLAIN), '--publisher', 'Reuters', '--dry-run', '--corpus', corpus], io);
    expect(status).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/would write articles\/2023-02-28-reuters-kremlin-russia-open-to-ukraine-talks\.md/);
    expect(out).toContain('removed (credit-line): (Reporting by Reuters; Editing by Kevin Liffey)');
    expect(out).toContain('publisher: Reuters');
    expect(await readdir(corpus)).toEqual([]);
  });
});

describe('folders and the command line', () => {
  it('ingests every file of a folder; one bad file does not stop the others', async () => {
    await inputFile('1-bad.txt', Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    await inputFile('2-good.txt', PLAIN);
    await inputFile('3-page.html', ARTICLE_HTML);
    const outcomes = await ingestInput(scratch, { corpusDir: corpus, publisher: 'Reuters' });
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'written', 'written']);
    expect(await written()).toHaveLength(2);
  });

  it('reports a failure as one line naming the input, exits non-zero and writes nothing', async () => {
    const io = captureIO();
    const missing = join(scratch, 'missing.txt');
    expect(await main(['ingest', missing, '--publisher', 'Reuters', '--corpus', corpus], io)).toBe(2);
    expect(io.stderr).toEqual([`factbot ingest: ${missing}: no such file or directory`]);
    expect(await readdir(corpus)).toEqual([]);
  });

  it('prints the article it wrote and what it removed', async () => {
    const io = captureIO();
    expect(await main(['ingest', `${base}/story.html`, '--corpus', corpus], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/wrote articles\/2025-11-27-example-news-putin-doubles-territorial-demands\.md/);
    expect(out).toContain('removed (see-also): See also Maui wildfires: 36 dead as inferno engulfs hospitals');
  });
});
