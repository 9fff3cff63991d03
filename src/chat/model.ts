// The platform-neutral chat model: commands are written once against these types, and each adapter
// (src/adapters/discord, src/adapters/slack, src/adapters/console) translates events in and replies out.
// Nothing here may import discord.js or Bolt.

export type Platform = 'discord' | 'slack' | 'console';

// ---------- Replies ----------

/** Where a quoted sentence comes from; every quoted sentence carries one. */
export interface Citation {
  publisher: string;
  /** YYYY-MM-DD */
  published: string;
  dateInferred: boolean;
  title: string;
  url: string | null;
  /** e.g. "quote · Putin" or "caption": what kind of statement this is. */
  label?: string;
}

export type ReplyBlock =
  | { type: 'header'; text: string }
  /** Plain text written by the bot or echoing user input; renderers escape it for the platform. */
  | { type: 'text'; text: string }
  /** A verbatim corpus sentence; `highlights` are [start, end) offsets into `text`. */
  | { type: 'quote'; text: string; highlights: Array<[number, number]>; citation: Citation }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  /** Small print: counts, notes, "showing 5 of 31". */
  | { type: 'context'; text: string }
  | { type: 'actions'; actions: ReplyAction[] };

/**
 * A button. `action` names what it does; `state` is the stateless payload it carries back
 * (e.g. the query and next offset for More). Adapters encode both within their platform's limits.
 */
export interface ReplyAction {
  action: 'more' | 'post';
  label: string;
  command: string;
  state: ActionState;
  style?: 'primary' | 'secondary';
}

export interface ActionState {
  /** The command's main argument (query, claim, topic). */
  text: string;
  offset: number;
}

export type Visibility = 'private' | 'public';

export interface Reply {
  blocks: ReplyBlock[];
  /** Short plain-text version for notifications and platforms' fallback text. */
  summary: string;
}

// ---------- Commands ----------

export interface OptionDefinition {
  name: string;
  description: string;
  type: 'string' | 'integer' | 'boolean';
  required: boolean;
  /** For strings. */
  maxLength?: number;
  /** For integers. */
  min?: number;
  max?: number;
}

export type OptionValue = string | number | boolean;

/** Who ran a command, where, with what arguments. */
export interface Invocation {
  platform: Platform;
  command: string;
  options: Record<string, OptionValue>;
  user: { id: string; name: string | null };
  channel: { id: string };
  /** Discord guild or Slack team; null in DMs and the console. */
  workspace: { id: string } | null;
  requestId: string;
}

export interface CommandDefinition<Services = unknown> {
  /** Lower-case, 1-32 characters (Discord's limit, stricter than Slack's). */
  name: string;
  /** 1-100 characters (Discord's limit). */
  description: string;
  options: OptionDefinition[];
  /** The option that carries the main text (query, claim, topic), used for More, message actions and Slack's free text. */
  textOption: string | null;
  /** How the answer is first shown unless the invocation asks otherwise. */
  visibility: Visibility;
  run(invocation: Invocation, services: Services, offset: number): Promise<Reply>;
}

/** How a command's answer reaches the platform; adapters implement it over their own API. */
export interface Responder {
  /** Within the platform's 3 s deadline: tells the platform an answer is coming. */
  defer(visibility: Visibility): Promise<void>;
  /** Sends the (deferred) answer. */
  send(reply: Reply, visibility: Visibility): Promise<void>;
  /** Posts a further message, e.g. the public copy of a private answer. */
  followUp(reply: Reply, visibility: Visibility): Promise<void>;
}
