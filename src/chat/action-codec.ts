// Buttons carry their command and state back to us inside the platform's own field (Discord custom_id,
// Slack button value). When the state fits, it travels in the field itself, so a button keeps working
// across restarts. When it does not (a long query in Discord's 100 characters), the field carries a
// random id into a short-lived in-memory cache; the decoder reports an id it no longer knows as expired.
import { randomBytes } from 'node:crypto';
import type { ActionState, ReplyAction } from './model.ts';

export type DecodedAction = { action: 'more' | 'post'; command: string; state: ActionState };
export type DecodeResult = DecodedAction | { expired: true } | null;

/** How long a cached button state lives: Discord interaction tokens last 15 minutes too. */
export const ACTION_CACHE_TTL_MS = 15 * 60 * 1000;
/** Bounds memory when many long queries are paged; the oldest entries go first. */
export const ACTION_CACHE_MAX_ENTRIES = 10_000;

// Versioned prefix: lets us recognise our own buttons and change the format later.
const PREFIX = 'fb1';
const ACTION_CODES = { more: 'm', post: 'p' } as const;
const STATELESS = /^fb1:([mp]):([a-z0-9_-]{1,32}):(\d{1,9}):([\s\S]*)$/;
const CACHED = /^fb1:c:([A-Za-z0-9_-]{16})$/;
const CACHE_ID_BYTES = 12; // 16 base64url characters

export interface ActionCodecOptions {
  /** Injectable clock (ms since epoch), for tests of expiry. */
  now?: () => number;
  ttlMs?: number;
  maxEntries?: number;
}

export interface ActionCodec {
  encodeAction(action: ReplyAction, maxLength: number): string;
  decodeAction(encoded: string): DecodeResult;
}

export function createActionCodec(options: ActionCodecOptions = {}): ActionCodec {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? ACTION_CACHE_TTL_MS;
  const maxEntries = options.maxEntries ?? ACTION_CACHE_MAX_ENTRIES;
  const cache = new Map<string, { decoded: DecodedAction; expiresAt: number }>();

  // Entries are inserted in expiry order (constant TTL), so expired ones sit at the front.
  function sweep(): void {
    const time = now();
    for (const [id, entry] of cache) {
      if (entry.expiresAt > time && cache.size < maxEntries) break;
      cache.delete(id);
    }
  }

  function encodeAction(action: ReplyAction, maxLength: number): string {
    const offset = Math.max(0, Math.trunc(action.state.offset));
    const stateless = `${PREFIX}:${ACTION_CODES[action.action]}:${action.command}:${offset}:${action.state.text}`;
    if (stateless.length <= maxLength && STATELESS.test(stateless)) return stateless;

    const id = randomBytes(CACHE_ID_BYTES).toString('base64url');
    const cached = `${PREFIX}:c:${id}`;
    if (cached.length > maxLength) {
      throw new RangeError(`encodeAction: maxLength ${maxLength} is below the ${cached.length} characters a cached action needs`);
    }
    sweep();
    cache.set(id, {
      decoded: { action: action.action, command: action.command, state: { text: action.state.text, offset } },
      expiresAt: now() + ttlMs,
    });
    return cached;
  }

  function decodeAction(encoded: string): DecodeResult {
    const stateless = STATELESS.exec(encoded);
    if (stateless) {
      const [, code, command, offset, text] = stateless as unknown as [string, string, string, string, string];
      return { action: code === 'm' ? 'more' : 'post', command, state: { text, offset: Number(offset) } };
    }
    const cached = CACHED.exec(encoded);
    if (!cached) return null;
    const id = cached[1] as string;
    const entry = cache.get(id);
    // An unknown id is ours by its shape: it expired and was swept, or the bot restarted since.
    if (!entry) return { expired: true };
    if (now() >= entry.expiresAt) {
      cache.delete(id);
      return { expired: true };
    }
    return { action: entry.decoded.action, command: entry.decoded.command, state: { ...entry.decoded.state } };
  }

  return { encodeAction, decodeAction };
}

const processCodec = createActionCodec();

/** Encodes a button's action and state in at most `maxLength` characters (Discord custom_id: 100; Slack value: 2000). */
export function encodeAction(action: ReplyAction, maxLength: number): string {
  return processCodec.encodeAction(action, maxLength);
}

/** The action a button carries, `{expired: true}` when its cached state is gone, or null when it is not ours. */
export function decodeAction(encoded: string): DecodeResult {
  return processCodec.decodeAction(encoded);
}
