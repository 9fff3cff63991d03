// Fetching a feed document. Article pages go through fetchDocument in src/corpus/ingest.ts; a feed
// needs what that function does not offer: conditional requests (ETag / Last-Modified, answered by
// 304), any XML content type, and an outside AbortSignal so stopping the bot does not wait out a
// slow publisher.
import { describeFetchError } from '../corpus/ingest.ts';

export const FEED_TIMEOUT_MS = 15_000;
export const FEED_MAX_BYTES = 2 * 1024 * 1024;
export const USER_AGENT = 'factbot-feeds/0.1';

export interface ConditionalFetchOptions {
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
  /** Aborts the request (the bot is stopping). */
  signal?: AbortSignal;
}

export type ConditionalFetchResult =
  | { status: 'not-modified' }
  | { status: 'ok'; text: string; etag: string | null; lastModified: string | null; url: string };

/** A failure described in one line for the operator ("HTTP error 500", "no answer within 2 s"). */
export class FetchError extends Error {}

/** GET with validators from the previous answer; the body is read with a byte cap while streaming. */
export async function fetchConditional(url: string, options: ConditionalFetchOptions = {}): Promise<ConditionalFetchResult> {
  const timeoutMs = options.timeoutMs ?? FEED_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? FEED_MAX_BYTES;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
    'user-agent': USER_AGENT,
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const failed = (error: unknown): FetchError => {
    if (timeout.aborted) return new FetchError(`no answer within ${timeoutMs / 1000} s`);
    if (options.signal?.aborted) return new FetchError('stopped');
    return new FetchError(`cannot fetch: ${describeFetchError(error)}`);
  };
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', signal, headers });
  } catch (error) {
    throw failed(error);
  }
  if (response.status === 304) {
    await response.body?.cancel().catch(() => {});
    return { status: 'not-modified' };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new FetchError(`HTTP error ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const tooBig = new FetchError(`feed larger than the ${Math.round(maxBytes / 1024)} KB limit`);
  // A declared length over the cap is refused before reading anything.
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooBig;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooBig;
      chunks.push(chunk);
    }
  } catch (error) {
    await response.body?.cancel().catch(() => {});
    if (error === tooBig) throw tooBig;
    throw failed(error);
  }
  const bytes = Buffer.concat(chunks);
  const type = response.headers.get('content-type') ?? '';
  const declared = /charset="?([\w-]+)/i.exec(type)?.[1] ?? /^<\?xml[^>]*encoding=["']([\w-]+)/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
  let text: string;
  try {
    text = new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    throw new FetchError(`unsupported character set '${declared}'`);
  }
  return {
    status: 'ok',
    text,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
    url: response.url || url,
  };
}
