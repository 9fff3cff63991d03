// Token buckets per user and per channel, on an injected clock: they trip, say how long to wait, and recover.
import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter, perMinute, rateLimitMessage, refill, takeFromBuckets, type RateSubject } from '../../src/ops/rate-limit.ts';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) };
}

const alice: RateSubject = { platform: 'slack', userId: 'U1', channelId: 'C1' };
const bob: RateSubject = { platform: 'slack', userId: 'U2', channelId: 'C1' };

describe('MemoryRateLimiter', () => {
  it('trips after the per-user burst, names the wait, and recovers once a token has refilled', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ user: perMinute(3), channel: null, now: time.now });
    for (let i = 0; i < 3; i++) expect(await limiter.take(alice)).toEqual({ allowed: true });
    const refused = await limiter.take(alice);
    // 3 a minute: one token every 20 s.
    expect(refused).toEqual({ allowed: false, scope: 'user', retryAfterMs: 20_000 });
    expect(rateLimitMessage(refused as { scope: 'user'; retryAfterMs: number })).toBe(
      "You're sending commands faster than this bot allows. Please wait 20 seconds and try again.",
    );
    // Another user is not affected.
    expect(await limiter.take(bob)).toEqual({ allowed: true });

    time.advance(19_999);
    expect((await limiter.take(alice)).allowed).toBe(false);
    time.advance(1);
    expect(await limiter.take(alice)).toEqual({ allowed: true });
    expect((await limiter.take(alice)).allowed).toBe(false);
    // A long pause refills the bucket to its capacity, not beyond.
    time.advance(60 * 60_000);
    for (let i = 0; i < 3; i++) expect((await limiter.take(alice)).allowed).toBe(true);
    expect((await limiter.take(alice)).allowed).toBe(false);
  });

  it('limits a channel across its users, and a refusal for the channel costs the user nothing', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ user: perMinute(2), channel: perMinute(3), now: time.now });
    expect((await limiter.take(alice)).allowed).toBe(true);
    expect((await limiter.take(bob)).allowed).toBe(true);
    expect((await limiter.take(bob)).allowed).toBe(true);
    const refused = await limiter.take(alice);
    expect(refused).toMatchObject({ allowed: false, scope: 'channel' });
    expect(rateLimitMessage(refused as { scope: 'channel'; retryAfterMs: number })).toMatch(/^This channel is sending commands faster.*Please wait 20 seconds/);
    // Alice still has her second token, usable in another channel.
    expect((await limiter.take({ ...alice, channelId: 'C2' })).allowed).toBe(true);
    expect((await limiter.take({ ...alice, channelId: 'C2' })).allowed).toBe(false);
  });

  it('keeps the same ids on different platforms apart', async () => {
    const limiter = new MemoryRateLimiter({ user: perMinute(1), channel: null, now: clock().now });
    expect((await limiter.take(alice)).allowed).toBe(true);
    expect((await limiter.take({ ...alice, platform: 'discord' })).allowed).toBe(true);
    expect((await limiter.take(alice)).allowed).toBe(false);
  });

  it('switches a limit off with 0', async () => {
    expect(perMinute(0)).toBeNull();
    const limiter = new MemoryRateLimiter({ user: perMinute(0), channel: perMinute(0), now: clock().now });
    for (let i = 0; i < 1000; i++) expect((await limiter.take(alice)).allowed).toBe(true);
    expect(limiter.size).toBe(0);
  });

  it('holds at most maxBuckets buckets, dropping the least recently used', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ user: perMinute(1), channel: null, now: time.now, maxBuckets: 100 });
    expect((await limiter.take(alice)).allowed).toBe(true);
    for (let i = 0; i < 1000; i++) {
      await limiter.take({ platform: 'slack', userId: `flood-${i}`, channelId: 'C9' });
      // Alice keeps using the bot, so her (empty) bucket stays among the recent ones.
      if (i % 50 === 0) expect((await limiter.take(alice)).allowed).toBe(false);
    }
    expect(limiter.size).toBeLessThanOrEqual(100);
    expect((await limiter.take(alice)).allowed).toBe(false);
  });
});

describe('bucket arithmetic', () => {
  const rule = { capacity: 2, refillPerMs: 1 / 1000 };

  it('neither drains nor overfills when the clock steps back', () => {
    const state = refill({ tokens: 0.5, at: 10_000 }, rule, 5_000);
    expect(state).toEqual({ tokens: 0.5, at: 10_000 });
    expect(refill(state, rule, 11_000).tokens).toBeCloseTo(1.5);
  });

  it('takes from all buckets or from none, and names the one that frees up last', () => {
    const buckets = [
      { scope: 'user' as const, rule, state: { tokens: 0.5, at: 0 } },
      { scope: 'channel' as const, rule: { capacity: 10, refillPerMs: 1 / 10_000 }, state: { tokens: 0, at: 0 } },
    ];
    const { decision, states } = takeFromBuckets(buckets, 0);
    expect(decision).toEqual({ allowed: false, scope: 'channel', retryAfterMs: 10_000 });
    expect(states.map((s) => s.tokens)).toEqual([0.5, 0]);
    const later = takeFromBuckets(buckets.map((b, i) => ({ ...b, state: states[i] })), 10_000);
    expect(later.decision).toEqual({ allowed: true });
    expect(later.states.map((s) => s.tokens)).toEqual([1, 0]);
  });

  it('says "1 second" rather than "0 seconds" for a wait under a second', () => {
    expect(rateLimitMessage({ scope: 'user', retryAfterMs: 1 })).toContain('Please wait 1 second and');
  });
});
