// Runs a command or a button press the same way on every platform: acknowledge first (platforms give
// about 3 seconds), run, answer; a failure becomes a short neutral message, with the details in the log.
import type { Logger } from 'pino';
import { decodeAction } from './action-codec.ts';
import type { ActionState, CommandDefinition, Invocation, Reply, ReplyBlock, Responder, Visibility } from './model.ts';
import type { Services } from './services.ts';

export interface RunCommandArgs {
  definition: CommandDefinition<Services>;
  invocation: Invocation;
  responder: Responder;
  services: Services;
  /** Overrides the definition's default and the invocation's `public` option. */
  visibility?: Visibility;
  offset?: number;
}

export interface RunActionArgs {
  /** A button's custom_id (Discord) or value (Slack), as produced by encodeAction. */
  encoded: string;
  /** Who pressed the button, where; its command and options are replaced by the decoded ones. */
  invocation: Invocation;
  responder: Responder;
  services: Services;
  commands: readonly CommandDefinition<Services>[];
}

/** A reply made of one plain-text block. */
export function textReply(text: string): Reply {
  return { blocks: [{ type: 'text', text }], summary: text };
}

/** What became of one command (see CommandHooks.finished). */
export type CommandOutcome = 'ok' | 'failed' | 'refused' | 'undelivered';

export interface CommandReport {
  invocation: Invocation;
  outcome: CommandOutcome;
  /** From dispatch receiving the command to the answer sent (or given up). */
  latencyMs: number;
}

/**
 * What a running bot adds around every command and button press, attached to its Services by
 * `factbot serve`: rate limits (admit), metrics and in-flight tracking for graceful shutdown. Adapters
 * call runCommand/runAction unchanged; with nothing attached (tests, the console) nothing changes.
 * Attached per Services object rather than passed in, so no adapter has to thread it through.
 */
export interface CommandHooks {
  /** Before anything is sent: a Reply refuses the command and is sent privately instead of running it. */
  admit?(invocation: Invocation): Reply | null | Promise<Reply | null>;
  /** Exactly once per admitted or refused command, when it is over. */
  finished?(report: CommandReport): void;
}

const attachedHooks = new WeakMap<Services, CommandHooks>();

/** Attaches hooks to every command run with `services`; returns a function that detaches them. */
export function attachCommandHooks(services: Services, hooks: CommandHooks): () => void {
  attachedHooks.set(services, hooks);
  return () => {
    if (attachedHooks.get(services) === hooks) attachedHooks.delete(services);
  };
}

/** Runs `body` between the hooks: admission first (a refusal is answered privately), the report last. */
async function withHooks(
  services: Services,
  invocation: Invocation,
  responder: Responder,
  log: Logger,
  body: (startedAt: number) => Promise<CommandOutcome>,
): Promise<void> {
  const startedAt = performance.now();
  const hooks = attachedHooks.get(services);
  if (!hooks) {
    await body(startedAt);
    return;
  }
  let outcome: CommandOutcome = 'undelivered';
  try {
    let refusal: Reply | null = null;
    try {
      refusal = (await hooks.admit?.(invocation)) ?? null;
    } catch (error) {
      // A broken limiter must not take the bot down with it: the command runs.
      log.warn({ err: error }, 'command admission failed; running the command anyway');
    }
    if (!refusal) {
      outcome = await body(startedAt);
      return;
    }
    await responder.defer('private');
    // A further private message, not `send`: on Slack, send from a More button would replace the page read so far.
    await responder.followUp(refusal, 'private');
    outcome = 'refused';
    log.info({ latencyMs: Math.round(performance.now() - startedAt) }, 'refused');
  } catch (error) {
    log.error({ err: error }, 'could not send the refusal');
  } finally {
    hooks.finished?.({ invocation, outcome, latencyMs: performance.now() - startedAt });
  }
}

export function requestLogger(services: Services, invocation: Invocation, command: string): Logger {
  return services.log.child({ platform: invocation.platform, command, requestId: invocation.requestId });
}

/** The visibility a command answers with: public when asked for, else the command's default. */
export function visibilityFor(definition: CommandDefinition<Services>, invocation: Invocation): Visibility {
  return invocation.options.public === true ? 'public' : definition.visibility;
}

/** A public answer needs no "Post to channel" button; an actions block left empty goes too. */
export function adaptToVisibility(reply: Reply, visibility: Visibility): Reply {
  if (visibility === 'private') return reply;
  const blocks: ReplyBlock[] = [];
  for (const block of reply.blocks) {
    if (block.type !== 'actions') {
      blocks.push(block);
      continue;
    }
    const actions = block.actions.filter((a) => a.action !== 'post');
    if (actions.length > 0) blocks.push({ type: 'actions', actions });
  }
  return { ...reply, blocks };
}

function failureReply(command: string, requestId: string): Reply {
  return textReply(
    `Sorry, /${command} failed on our side. Please try again in a moment; if it keeps failing, ` +
      `tell whoever runs this bot (reference ${requestId}).`,
  );
}

async function runSafely(
  definition: CommandDefinition<Services>,
  invocation: Invocation,
  services: Services,
  offset: number,
  log: Logger,
): Promise<{ reply: Reply; failed: boolean }> {
  try {
    return { reply: await definition.run(invocation, services, offset), failed: false };
  } catch (error) {
    log.error({ err: error }, 'command failed');
    return { reply: failureReply(definition.name, invocation.requestId), failed: true };
  }
}

export async function runCommand(args: RunCommandArgs): Promise<void> {
  const invocation = { ...args.invocation, command: args.definition.name };
  const log = requestLogger(args.services, invocation, args.definition.name);
  await withHooks(args.services, invocation, args.responder, log, (startedAt) => answerCommand(args, invocation, log, startedAt));
}

async function answerCommand(args: RunCommandArgs, invocation: Invocation, log: Logger, startedAt: number): Promise<CommandOutcome> {
  const { definition, responder, services } = args;
  const visibility = args.visibility ?? visibilityFor(definition, invocation);
  const offset = Math.max(0, Math.trunc(args.offset ?? 0));

  try {
    await responder.defer(visibility);
  } catch (error) {
    // Without an acknowledgement the platform has already shown the user a failure; nothing to send to.
    log.error({ err: error }, 'could not acknowledge the command');
    return 'undelivered';
  }
  const { reply, failed } = await runSafely(definition, invocation, services, offset, log);
  try {
    await responder.send(adaptToVisibility(reply, visibility), visibility);
    log.info({ visibility, offset, failed, latencyMs: Math.round(performance.now() - startedAt) }, 'answered');
    return failed ? 'failed' : 'ok';
  } catch (error) {
    log.error({ err: error }, 'could not send the answer');
    return 'undelivered';
  }
}

export const EXPIRED_ACTION_TEXT = 'This button has expired; run /quote again.';

/** The public copy's first line: who shared it, as plain text (a mention would notify them). */
function creditLine(invocation: Invocation, command: string, text: string): ReplyBlock {
  const who = invocation.user.name?.trim() || 'Someone';
  return { type: 'context', text: `Shared by ${who} · /${command} ${text}`.trimEnd() };
}

export async function runAction(args: RunActionArgs): Promise<void> {
  const { responder, services, commands } = args;
  const decoded = decodeAction(args.encoded);
  const definition = decoded && 'command' in decoded ? commands.find((c) => c.name === decoded.command) : undefined;

  if (!decoded || !('command' in decoded) || !definition) {
    const log = requestLogger(services, args.invocation, decoded && 'command' in decoded ? decoded.command : 'button');
    log.warn({ expired: Boolean(decoded && 'expired' in decoded) }, 'button could not be read');
    try {
      await responder.defer('private');
      // A command removed since the button was sent reads the same to the user as an expired button.
      await responder.send(textReply(EXPIRED_ACTION_TEXT), 'private');
    } catch (error) {
      log.error({ err: error }, 'could not answer an unreadable button');
    }
    return;
  }

  const { state } = decoded;
  const options = definition.textOption ? { [definition.textOption]: state.text } : {};
  const invocation: Invocation = { ...args.invocation, command: definition.name, options };

  if (decoded.action === 'more') {
    // The page came from a private answer, so the next one is private too.
    await runCommand({ definition, invocation, responder, services, visibility: 'private', offset: state.offset });
    return;
  }

  const log = requestLogger(services, invocation, definition.name);
  await withHooks(services, invocation, responder, log, (startedAt) => postPublicly(definition, invocation, state, responder, services, log, startedAt));
}

async function postPublicly(
  definition: CommandDefinition<Services>,
  invocation: Invocation,
  state: ActionState,
  responder: Responder,
  services: Services,
  log: Logger,
  startedAt: number,
): Promise<CommandOutcome> {
  try {
    await responder.defer('private');
  } catch (error) {
    log.error({ err: error }, 'could not acknowledge the button');
    return 'undelivered';
  }
  const { reply, failed } = await runSafely(definition, invocation, services, state.offset, log);
  if (failed) {
    await responder.send(reply, 'private').catch((error: unknown) => log.error({ err: error }, 'could not send the failure'));
    return 'failed';
  }
  const publicCopy = adaptToVisibility(
    { ...reply, blocks: [creditLine(invocation, definition.name, state.text), ...reply.blocks] },
    'public',
  );
  try {
    // Private confirmation first: on Discord the first follow-up after a deferral would otherwise
    // replace the deferred (ephemeral) message instead of posting a new public one.
    await responder.send(textReply('Posted to the channel.'), 'private');
    await responder.followUp(publicCopy, 'public');
    log.info({ offset: state.offset, latencyMs: Math.round(performance.now() - startedAt) }, 'posted publicly');
    return 'ok';
  } catch (error) {
    log.error({ err: error }, 'could not post publicly');
    await responder
      .followUp(textReply('Could not post it to the channel. The bot may lack permission to post here.'), 'private')
      .catch((second: unknown) => log.error({ err: second }, 'could not report the failed post'));
    return 'undelivered';
  }
}
