// /digest subscribe | unsubscribe | show | preview: a channel's daily digest of what is new in the corpus and
// what the channel checked. The neutral model has no subcommands, so the subcommand travels in the `action`
// option: Slack and the console send "subscribe time:08:00 topic:peace talks" as text (parsed here), Discord
// sends real subcommands that the adapter flattens to {action: 'subscribe', time: '08:00', …}
// (src/adapters/discord/digest-commands.ts). Typed options win over the same names in the text.
import { truncate } from '../src/chat/format.ts';
import type { CommandDefinition, Invocation, OptionDefinition, OptionValue, Reply, ReplyBlock } from '../src/chat/model.ts';
import type { Services } from '../src/chat/services.ts';
import { hasDigest, type DigestServices } from '../src/digest/config.ts';
import { refusalText } from '../src/digest/permissions.ts';
import { canonicalTimeZone, formatLocal, nextDue, parseTime } from '../src/digest/schedule.ts';
import { composeDigest, windowStart } from '../src/digest/scheduler.ts';
import type { ChannelRef, DeliveryRecord, Subscription } from '../src/digest/store.ts';
import { MAX_INPUT_LENGTH, messageReply } from './common.ts';

export const DIGEST_ACTIONS = ['subscribe', 'unsubscribe', 'show', 'preview'] as const;
export type DigestAction = (typeof DIGEST_ACTIONS)[number];

export const DIGEST_ACTION_DESCRIPTIONS: Record<DigestAction, string> = {
  subscribe: 'Post a daily digest in this channel (or change its time, zone or topic)',
  unsubscribe: 'Stop the daily digest in this channel',
  show: "This channel's digest settings, next time and any delivery problem",
  preview: 'What the digest would say right now (only you see it)',
};

export const DIGEST_SETTING_OPTIONS: OptionDefinition[] = [
  { name: 'time', description: 'Local time, 24-hour HH:MM, e.g. 08:00', type: 'string', required: false, maxLength: 5 },
  { name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin', type: 'string', required: false, maxLength: 64 },
  { name: 'topic', description: 'Only news matching this query, e.g. Kozak or "peace talks"', type: 'string', required: false, maxLength: MAX_INPUT_LENGTH },
];

const USAGE =
  'Usage: /digest subscribe [time:HH:MM] [timezone:Area/City] [topic:<query>] · /digest unsubscribe · /digest show · /digest preview';
const DAY_MS = 24 * 3_600_000;

export interface DigestRequest {
  action: DigestAction | null;
  time?: string;
  timezone?: string;
  topic?: string;
}

/** The action and settings from the options; `topic:` in the text takes the rest of the line (a query has spaces). */
export function parseDigestRequest(options: Record<string, OptionValue>): DigestRequest | { problem: string } {
  const text = typeof options.action === 'string' ? options.action.trim() : '';
  const [first = '', ...restWords] = text.split(/\s+/).filter(Boolean);
  const request: DigestRequest = { action: null };
  if (first) {
    const action = DIGEST_ACTIONS.find((a) => a === first.toLowerCase());
    if (!action) return { problem: `I don't know “/digest ${truncate(first, 40)}”. ${USAGE}` };
    request.action = action;
  }
  let rest = restWords.join(' ');
  while (rest) {
    const setting = /^(time|timezone|topic)[:=]/i.exec(rest);
    if (!setting) return { problem: `I did not understand “${truncate(rest, 60)}”. ${USAGE}` };
    const name = (setting[1] as string).toLowerCase() as 'time' | 'timezone' | 'topic';
    const after = rest.slice(setting[0].length);
    if (name === 'topic') {
      request.topic = after.trim();
      break;
    }
    const [value = '', ...more] = after.split(/\s+/);
    request[name] = value;
    rest = more.join(' ');
  }
  for (const name of ['time', 'timezone', 'topic'] as const) {
    const value = options[name];
    if (typeof value === 'string') request[name] = value;
  }
  return request;
}

function channelOf(invocation: Invocation): ChannelRef | null {
  const { platform } = invocation;
  return platform === 'discord' || platform === 'slack' ? { platform, channelId: invocation.channel.id } : null;
}

function settingsFields(subscription: Subscription): ReplyBlock {
  return {
    type: 'fields',
    fields: [
      { label: 'Time', value: `${subscription.time} ${subscription.timezone}` },
      { label: 'Topic', value: subscription.topic ?? 'everything new' },
    ],
  };
}

function nextLine(subscription: Subscription, now: number): string {
  if (subscription.pausedAt !== null) return 'none while paused';
  const next = nextDue(subscription, now);
  return next ? formatLocal(next.at, subscription.timezone) : 'unknown';
}

async function subscribe(invocation: Invocation, services: DigestServices, request: DigestRequest, channel: ChannelRef): Promise<Reply> {
  const { config, store } = services.digest;
  const time = request.time === undefined ? config.defaultTime : parseTime(request.time);
  if (!time) return messageReply(`“${truncate(request.time ?? '', 20)}” is not a time: use 24-hour HH:MM, e.g. time:08:00.`);
  const timezone = request.timezone === undefined ? config.defaultTimezone : canonicalTimeZone(request.timezone);
  if (!timezone) return messageReply(`“${truncate(request.timezone ?? '', 64)}” is not a time zone I know: use an IANA name such as Europe/Berlin or America/New_York.`);
  const topic = request.topic?.trim() || null;
  if (topic && topic.length > MAX_INPUT_LENGTH) return messageReply(`That topic is ${topic.length} characters long; the limit is ${MAX_INPUT_LENGTH}.`);

  const now = services.now();
  const { subscription, created } = await store.subscribe({ ...channel, workspaceId: invocation.workspace?.id ?? null, time, timezone, topic }, now);
  const blocks: ReplyBlock[] = [
    { type: 'header', text: created ? 'Daily digest subscribed' : 'Daily digest updated' },
    {
      type: 'text',
      text:
        `Every day at ${time} (${timezone}) this channel gets what is new in the corpus${topic ? ' about the topic' : ''} and what was checked here. ` +
        (config.whenEmpty === 'skip' ? 'On a day with nothing new, nothing is posted.' : 'On a day with nothing new, one line says so.'),
    },
    settingsFields(subscription),
    { type: 'fields', fields: [{ label: 'Next digest', value: nextLine(subscription, now) }] },
  ];
  if (topic && (await services.search.quote(topic, { limit: 1 })).total === 0) {
    blocks.push({ type: 'context', text: 'No sentence in the corpus matches this topic yet; new ones will appear in the digest when they arrive.' });
  }
  blocks.push({
    type: 'context',
    text: created ? 'The first digest covers articles that arrive from now on. /digest preview shows it now; /digest unsubscribe stops it.' : 'Any pause is lifted. /digest show lists the settings.',
  });
  return { blocks, summary: `Daily digest ${created ? 'subscribed' : 'updated'}: ${time} ${timezone}` };
}

function problemLine(delivery: DeliveryRecord): string {
  const what = { skipped: 'skipped', failed: 'not delivered', unknown: 'may not have been posted', retry: 'being retried' }[delivery.status as string] ?? delivery.status;
  return `${delivery.localDate}: ${what}${delivery.error ? ` (${truncate(delivery.error, 200)})` : ''}`;
}

async function show(services: DigestServices, channel: ChannelRef): Promise<Reply> {
  const { store } = services.digest;
  const subscription = await store.subscription(channel);
  if (!subscription) {
    const text = 'This channel has no daily digest. Someone who manages the channel can start one with /digest subscribe time:08:00 timezone:Europe/Berlin.';
    return messageReply(text);
  }
  const now = services.now();
  const recent = await store.recentDeliveries(channel, 10);
  const last = recent.find((d) => d.status === 'sent' || d.status === 'empty');
  const status =
    subscription.pausedAt === null
      ? 'Active'
      : `Paused since ${formatLocal(subscription.pausedAt, subscription.timezone)}: ${subscription.pausedReason ?? 'delivery failed'}. Fix it, then run /digest subscribe again to resume.`;
  const blocks: ReplyBlock[] = [
    { type: 'header', text: 'Daily digest' },
    settingsFields(subscription),
    {
      type: 'fields',
      fields: [
        { label: 'Status', value: status },
        { label: 'Next digest', value: nextLine(subscription, now) },
        { label: 'Last digest', value: last ? `${last.localDate} (${last.status === 'sent' ? 'posted' : 'nothing new, not posted'})` : 'none yet' },
      ],
    },
  ];
  const problems = recent.filter((d) => ['skipped', 'failed', 'unknown', 'retry'].includes(d.status)).slice(0, 3);
  if (problems.length > 0) blocks.push({ type: 'text', text: `Delivery problems:\n${problems.map(problemLine).join('\n')}` });
  return { blocks, summary: `Daily digest: ${subscription.time} ${subscription.timezone}, ${subscription.pausedAt === null ? 'active' : 'paused'}` };
}

async function preview(services: DigestServices, request: DigestRequest, channel: ChannelRef | null): Promise<Reply> {
  const { store, config } = services.digest;
  const now = services.now();
  const subscription = channel ? await store.subscription(channel) : null;
  // Unsubscribed: the last day, so people can see what a digest would look like before subscribing.
  const since = subscription ? await windowStart(store, subscription) : now - DAY_MS;
  const topic = request.topic?.trim() || subscription?.topic || null;
  const timezone = subscription?.timezone ?? config.defaultTimezone;
  const { reply } = await composeDigest({ ...services, store, config }, { channel, timezone, topic, since, now, whenEmpty: 'note' });
  const digest = reply as Reply;
  const note: ReplyBlock = { type: 'context', text: `Preview: what ${subscription ? "this channel's" : 'a'} digest would say now. Nothing was posted.` };
  return { blocks: [note, ...digest.blocks], summary: `Preview: ${digest.summary}` };
}

export const digestCommand: CommandDefinition<DigestServices> = {
  name: 'digest',
  description: 'A daily digest in this channel: new articles and what was checked here',
  options: [
    { name: 'action', description: 'subscribe, unsubscribe, show or preview', type: 'string', required: false, maxLength: MAX_INPUT_LENGTH + 80 },
    ...DIGEST_SETTING_OPTIONS,
  ],
  textOption: 'action',
  visibility: 'private',
  async run(invocation, services: Services): Promise<Reply> {
    if (!hasDigest(services)) return messageReply('Daily digests are not enabled on this bot.');
    const request = parseDigestRequest(invocation.options);
    if ('problem' in request) return messageReply(request.problem);
    if (!request.action) return messageReply(`${USAGE}\n${DIGEST_ACTIONS.map((a) => `${a}: ${DIGEST_ACTION_DESCRIPTIONS[a]}`).join('\n')}`);
    const channel = channelOf(invocation);
    if (request.action === 'preview') return preview(services, request, channel);
    if (!channel) return messageReply('Digests are posted in Discord and Slack channels. Here you can try /digest preview.');
    if (request.action === 'show') return show(services, channel);
    if (invocation.platform === 'discord' && invocation.workspace === null) return messageReply('Digests can be set up in server channels, not in direct messages.');
    if (!(await services.digest.permissions.canManage(invocation))) return messageReply(refusalText(invocation.platform, request.action));
    if (request.action === 'subscribe') return subscribe(invocation, services, request, channel);
    const removed = await services.digest.store.unsubscribe(channel);
    return messageReply(removed ? 'This channel will no longer get the daily digest.' : 'This channel had no daily digest.');
  },
};
