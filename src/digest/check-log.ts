// The check log: what each channel checked, so its digest can list it. It keeps the claim, the match
// strength, the best source and the channel, never who asked (no user id or name), and entries older than
// 30 days are pruned by the scheduler.
import type { CommandDefinition } from '../chat/model.ts';
import type { Services } from '../chat/services.ts';
import type { CheckOptions, CheckResult, ClaimChecker } from '../check/types.ts';
import { hasDigest } from './config.ts';
import type { CheckLogEntry, DigestPlatform, DigestStore } from './store.ts';

export interface CheckRecordInput {
  platform: DigestPlatform;
  channelId: string;
  result: CheckResult;
  /** ms since epoch */
  at: number;
}

export function checkLogEntry(input: CheckRecordInput): CheckLogEntry {
  const { result } = input;
  const best = result.match === 'none' ? undefined : result.evidence[0];
  return {
    platform: input.platform,
    channelId: input.channelId,
    checkedAt: input.at,
    claim: result.claim,
    match: result.match,
    publishers: result.publishers,
    top: best
      ? {
          text: best.text,
          publisher: best.article.publisher,
          published: best.article.published,
          dateInferred: best.article.dateInferred,
          title: best.article.title,
          url: best.article.url,
        }
      : null,
  };
}

/** Logs one check. For callers that hold a CheckResult (the /check command, a future API). */
export async function recordCheck(store: Pick<DigestStore, 'recordCheck'>, input: CheckRecordInput): Promise<void> {
  await store.recordCheck(checkLogEntry(input));
}

/**
 * Wraps a command (meant for /check) so the first check it runs is logged for the channel's digest, without
 * changing the command: it sees a checker that records what it returns. Only the first page is logged (More
 * re-runs the check for page two), only on Discord and Slack, and only when the services carry the digest
 * runtime. A logging failure is logged and never fails the command.
 */
export function withCheckLog<S extends Services>(definition: CommandDefinition<S>): CommandDefinition<S> {
  return {
    ...definition,
    async run(invocation, services, offset) {
      const platform = invocation.platform;
      if (offset !== 0 || platform === 'console' || !hasDigest(services)) return definition.run(invocation, services, offset);
      let first: CheckResult | null = null;
      const inner = services.checker;
      const checker: ClaimChecker = {
        async check(claim: string, options?: CheckOptions) {
          const result = await inner.check(claim, options);
          first ??= result;
          return result;
        },
        timeline: (topic, options) => inner.timeline(topic, options),
      };
      const reply = await definition.run(invocation, { ...services, checker }, offset);
      const result = first as CheckResult | null;
      if (result) {
        try {
          await recordCheck(services.digest.store, { platform, channelId: invocation.channel.id, result, at: services.now() });
        } catch (error) {
          services.log.warn({ err: error, command: definition.name }, 'could not log the check for the digest');
        }
      }
      return reply;
    },
  };
}
