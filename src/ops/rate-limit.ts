// Per-user and per-channel rate limits on commands: token buckets, so a user may send a few commands in a
// row (the bucket's capacity) and then one per refill interval. A refused command gets a friendly message
// with the wait time instead of an answer.
//
// RateLimiter is the seam for running several replicas: today one process keeps its buckets in memory
// (MemoryRateLimiter); replicas sharing state would implement the same interface over a shared store,
// reusing `takeFromBuckets` for the arithmetic. It is async for that reason.

export interface RateRule {
  /** Commands allowed at once (a full bucket). */
  capacity: number;
  /** Tokens added per millisecond. */
  refillPerMs: number;
}

/** `count` commands per minute, with bursts of up to `count`; null (no limit) for 0. */
export function perMinute(count: number): RateRule | null {
  return count > 0 ? { capacity: count, refillPerMs: count / 60_000 } : null;
}

export interface RateSubject {
  platform: string;
  userId: string;
  channelId: string;
}

export type RateScope = 'user' | 'channel';

export type RateDecision = { allowed: true } | { allowed: false; scope: RateScope; retryAfterMs: number };

export interface RateLimiter {
  /** Takes one command from the subject's user and channel buckets, or from neither when either is empty. */
  take(subject: RateSubject): Promise<RateDecision>;
}

export interface BucketState {
  tokens: number;
  /** When `tokens` was last computed (the injected clock's milliseconds). */
  at: number;
}

/** The bucket as it stands at `now`: refilled for the time passed, never over capacity. */
export function refill(state: BucketState | undefined, rule: RateRule, now: number): BucketState {
  if (!state) return { tokens: rule.capacity, at: now };
  // A clock that steps back (NTP) must not drain or overfill anything.
  const elapsed = Math.max(0, now - state.at);
  return { tokens: Math.min(rule.capacity, state.tokens + elapsed * rule.refillPerMs), at: Math.max(now, state.at) };
}

/**
 * One command against several buckets at once: all of them give a token, or none does (a user refused
 * because of a busy channel keeps their own tokens). The refusal names the bucket that frees up last.
 */
export function takeFromBuckets(
  buckets: ReadonlyArray<{ scope: RateScope; rule: RateRule; state: BucketState | undefined }>,
  now: number,
): { decision: RateDecision; states: BucketState[] } {
  const current = buckets.map((bucket) => refill(bucket.state, bucket.rule, now));
  let refusal: { allowed: false; scope: RateScope; retryAfterMs: number } | null = null;
  for (const [i, bucket] of buckets.entries()) {
    const state = current[i] as BucketState;
    if (state.tokens >= 1) continue;
    const retryAfterMs = Math.ceil((1 - state.tokens) / bucket.rule.refillPerMs);
    if (!refusal || retryAfterMs > refusal.retryAfterMs) refusal = { allowed: false, scope: bucket.scope, retryAfterMs };
  }
  if (refusal) return { decision: refusal, states: current };
  return { decision: { allowed: true }, states: current.map((state) => ({ ...state, tokens: state.tokens - 1 })) };
}

export interface MemoryRateLimiterOptions {
  user: RateRule | null;
  channel: RateRule | null;
  /** Injectable clock in milliseconds; default Date.now. */
  now?: () => number;
  /** Buckets kept at most; the least recently used go first (a flood of new ids cannot grow memory without bound). */
  maxBuckets?: number;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, BucketState>();
  private readonly now: () => number;
  private readonly maxBuckets: number;

  constructor(private readonly options: MemoryRateLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.maxBuckets = options.maxBuckets ?? 100_000;
  }

  async take(subject: RateSubject): Promise<RateDecision> {
    const now = this.now();
    const keyed = [
      { scope: 'user' as const, rule: this.options.user, key: `u:${subject.platform}:${subject.userId}` },
      { scope: 'channel' as const, rule: this.options.channel, key: `c:${subject.platform}:${subject.channelId}` },
    ].filter((bucket): bucket is { scope: RateScope; rule: RateRule; key: string } => bucket.rule !== null);
    const { decision, states } = takeFromBuckets(
      keyed.map((bucket) => ({ ...bucket, state: this.buckets.get(bucket.key) })),
      now,
    );
    keyed.forEach((bucket, i) => {
      // Delete then set: the Map's order becomes least recently used first.
      this.buckets.delete(bucket.key);
      this.buckets.set(bucket.key, states[i] as BucketState);
    });
    this.evict();
    return decision;
  }

  /** How many buckets are held (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private evict(): void {
    if (this.buckets.size <= this.maxBuckets) return;
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxBuckets) break;
      this.buckets.delete(key);
    }
  }
}

/** What the user reads instead of an answer. */
export function rateLimitMessage(decision: { scope: RateScope; retryAfterMs: number }): string {
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  const wait = seconds === 1 ? '1 second' : `${seconds} seconds`;
  return decision.scope === 'user'
    ? `You're sending commands faster than this bot allows. Please wait ${wait} and try again.`
    : `This channel is sending commands faster than this bot allows. Please wait ${wait} and try again.`;
}
