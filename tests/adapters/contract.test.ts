// Contract between the chat adapters: every command is written once against the neutral Reply, so Discord
// (embeds + buttons) and Slack (Block Kit) must show the same content for it. Each command runs once over the
// real seed corpus; the one Reply is rendered by both real renderers, and what each platform displays is read
// back into the same neutral shape (header, lines of text and small print, fields, quotes with their citation,
// buttons decoded with decodeAction) and compared with the other platform and with the Reply itself, so a
// loss both renderers share is caught too.
//
// Reading back undoes only what the renderers add: Discord's Markdown escapes, `**` bold, `*…*` italics of
// mid-reply small print and the citation's `[title](url)`; Slack's `&amp;`/`&lt;`/`&gt;`, zero-width spaces,
// our `*` bold, the `>` quote marker and the citation's `<url|publisher>`. Anything else stays and differs.
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { renderReply as renderDiscord, type DiscordMessageBody } from '../../src/adapters/discord/render.ts';
import { renderReply as renderSlack, type SlackBlock, type SlackMessage } from '../../src/adapters/slack/render.ts';
import { decodeAction, type DecodedAction } from '../../src/chat/action-codec.ts';
import type { OptionValue, Reply } from '../../src/chat/model.ts';
import type { Services } from '../../src/chat/services.ts';
import { buttonsIn, contextLines, displayedTexts, unescapeSlack } from '../fakes/slack.ts';
import { actionsOf, invocationWith, quoteBlocks, seedServices, textOf } from '../helpers/services.ts';
import { rawMarkdown, unescapeMarkdown, visibleText } from './discord/visible-text.ts';

// ---------- The neutral view both platforms are read back into ----------

interface ShownQuote {
  kind: 'quote';
  /** The verbatim sentence as the reader sees it (highlight markup removed). */
  text: string;
  /** "reported · Reuters", "outlet's own text · headline", or null. */
  label: string | null;
  publisher: string;
  /** "2024-06-14" or "2024-06-14 (date inferred)". */
  date: string;
  title: string;
  /** The link target, or null when the citation has no usable URL. */
  url: string | null;
}

type Shown =
  | { kind: 'header'; text: string }
  /** One line of a text or context block (notes, "showing 1-5 of 7", …). */
  | { kind: 'line'; text: string }
  | { kind: 'field'; label: string; value: string }
  | ShownQuote;

interface ShownButton {
  label: string;
  action: DecodedAction;
}

interface View {
  items: Shown[];
  buttons: ShownButton[];
}

function lineItems(text: string): Shown[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ kind: 'line' as const, text: line }));
}

function decoded(encoded: string): DecodedAction {
  const result = decodeAction(encoded);
  if (!result || 'expired' in result) throw new Error(`button does not decode to an action: ${JSON.stringify(encoded)}`);
  return result;
}

const DATE = /^\d{4}-\d{2}-\d{2}( \(date inferred\))?$/;

/** `[label ·] publisher · date [· title]`, already unescaped and split on " · ". */
function citationParts(parts: string[]): Omit<ShownQuote, 'kind' | 'text' | 'url'> {
  const at = parts.findIndex((part, i) => i > 0 && DATE.test(part));
  if (at < 1) throw new Error(`no "publisher · date" in citation ${JSON.stringify(parts.join(' · '))}`);
  return {
    label: at > 1 ? parts.slice(0, at - 1).join(' · ') : null,
    publisher: parts[at - 1] as string,
    date: parts[at] as string,
    title: parts.slice(at + 1).join(' · '),
  };
}

/** What the Reply itself says, in the same shape. */
function neutralView(reply: Reply): View {
  const items: Shown[] = [];
  for (const block of reply.blocks) {
    switch (block.type) {
      case 'header':
        items.push({ kind: 'header', text: block.text });
        break;
      case 'text':
      case 'context':
        items.push(...lineItems(block.text));
        break;
      case 'fields':
        for (const field of block.fields) items.push({ kind: 'field', label: field.label, value: field.value });
        break;
      case 'quote': {
        const c = block.citation;
        items.push({
          kind: 'quote',
          text: block.text,
          label: c.label ?? null,
          publisher: c.publisher,
          date: c.dateInferred ? `${c.published} (date inferred)` : c.published,
          title: c.title,
          url: c.url,
        });
        break;
      }
      case 'actions':
        break;
    }
  }
  const buttons = actionsOf(reply).map((a) => ({ label: a.label, action: { action: a.action, command: a.command, state: { ...a.state } } }));
  return { items, buttons };
}

// ---------- Discord: embeds (title, description paragraphs, fields, footer) and buttons ----------

/** A quote paragraph: `> sentence` lines, then `— label · publisher · date · [title](url)` (or `· title` without a link). */
function discordQuote(paragraph: string): ShownQuote {
  const lines = paragraph.split('\n');
  const citation = lines.pop() ?? '';
  if (!citation.startsWith('— ') || !lines.every((line) => line.startsWith('> '))) {
    throw new Error(`not a quote paragraph: ${JSON.stringify(paragraph)}`);
  }
  const text = unescapeMarkdown(lines.map((line) => line.slice(2)).join('\n'));
  // The escaped title cannot hold an unescaped `]`, and safeLinkTarget encodes parentheses in the URL.
  const link = /^— ([\s\S]*) · \[((?:\\.|[^\\\]])*)\]\(([^()\s]+)\)$/.exec(citation);
  if (link) {
    const parts = citationParts(unescapeMarkdown(link[1] as string).split(' · '));
    expect(parts.title, 'the linked title is the only title in a Discord citation').toBe('');
    return { kind: 'quote', text, ...parts, title: unescapeMarkdown(link[2] as string), url: link[3] as string };
  }
  return { kind: 'quote', text, ...citationParts(unescapeMarkdown(citation.slice(2)).split(' · ')), url: null };
}

function discordView(body: DiscordMessageBody): View {
  const items: Shown[] = [];
  if (body.content) items.push(...lineItems(unescapeMarkdown(body.content)));
  for (const embed of body.embeds) {
    if (embed.title) items.push({ kind: 'header', text: unescapeMarkdown(embed.title) });
    for (const paragraph of (embed.description ?? '').split('\n\n')) {
      if (paragraph.startsWith('> ')) {
        items.push(discordQuote(paragraph));
        continue;
      }
      // Small print between content blocks is set in *italics*; escaped text cannot start with a bare `*`.
      const italic = /^\*(?!\*)([\s\S]*)\*$/.exec(paragraph);
      items.push(...lineItems(unescapeMarkdown(italic ? (italic[1] as string) : paragraph)));
    }
    // An empty name or value is sent as a zero-width space.
    const fieldText = (text: string) => (text === '\u200b' ? '' : unescapeMarkdown(text));
    for (const field of embed.fields ?? []) items.push({ kind: 'field', label: fieldText(field.name), value: fieldText(field.value) });
    // Footers are plain text on Discord (no Markdown), so the renderer does not escape them: read as sent.
    if (embed.footer) items.push(...lineItems(embed.footer.text));
  }
  const buttons = body.components
    .flatMap((row) => row.components)
    .map((button) => ({ label: button.label ?? '', action: decoded(button.custom_id) }));
  return { items, buttons };
}

// ---------- Slack: Block Kit blocks and buttons ----------

/** A `>` quote section: our bold is a bare `*`; the sentence's own markers are fenced by zero-width spaces. */
function slackSentence(mrkdwn: string): string {
  return unescapeSlack(mrkdwn.slice(1).replace(/(?<!\u200B)\*(?!\u200B)/g, ''));
}

/** The context under a quote: `[label ·] <url|publisher> · date · title` (the publisher alone without a URL). */
function slackCitation(block: SlackBlock | undefined): Omit<ShownQuote, 'kind' | 'text'> {
  if (block?.type !== 'context') throw new Error(`a Slack quote must be followed by its citation, not ${JSON.stringify(block)}`);
  const [citation = ''] = contextLines([block]);
  const link = /<(https?:\/\/[^|<>]+)\|([^<>]*)>/.exec(citation);
  const LINK = '\u0000';
  const parts = (link ? citation.replace(link[0], LINK) : citation)
    .split(' · ')
    .map((part) => (part === LINK && link ? unescapeSlack(link[2] as string) : unescapeSlack(part)));
  return { ...citationParts(parts), url: link ? unescapeSlack(link[1] as string) : null };
}

/** A fields entry: `*label*` on the first line, the value below. */
function slackField(mrkdwn: string): Shown {
  const newline = mrkdwn.indexOf('\n');
  const label = mrkdwn.slice(0, newline);
  if (newline < 0 || !/^\*[\s\S]*\*$/.test(label)) throw new Error(`not a "*label*\\nvalue" field: ${JSON.stringify(mrkdwn)}`);
  return { kind: 'field', label: unescapeSlack(label.slice(1, -1)), value: unescapeSlack(mrkdwn.slice(newline + 1)) };
}

function slackView(message: SlackMessage): View {
  const items: Shown[] = [];
  const { blocks } = message;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as SlackBlock;
    switch (block.type) {
      case 'header':
        items.push({ kind: 'header', text: unescapeSlack(block.text.text) });
        break;
      case 'section':
        if (block.text?.text.startsWith('>')) {
          items.push({ kind: 'quote', text: slackSentence(block.text.text), ...slackCitation(blocks[i + 1]) });
          i += 1;
        } else if (block.text) {
          items.push(...lineItems(unescapeSlack(block.text.text)));
        }
        for (const field of block.fields ?? []) items.push(slackField(field.text));
        break;
      case 'context':
        for (const line of contextLines([block])) items.push(...lineItems(unescapeSlack(line)));
        break;
      case 'actions':
        break;
      default:
        throw new Error(`unexpected Slack block ${block.type}`);
    }
  }
  const buttons = buttonsIn(blocks).map((button) => ({ label: unescapeSlack(button.label), action: decoded(button.value) }));
  return { items, buttons };
}

// ---------- Commands over the seed corpus ----------

const MENTIONS = '@everyone <!channel> <@U123> <@&456>';

let services: Services;

beforeAll(async () => {
  services = await seedServices();
});

async function run(command: string, options: Record<string, OptionValue>, offset = 0): Promise<Reply> {
  const definition = commands.find((c) => c.name === command);
  if (!definition) throw new Error(`no command ${command}`);
  return definition.run(invocationWith(options, command), services, offset);
}

interface Case {
  command: string;
  options: Record<string, OptionValue>;
  offset?: number;
  /** Keeps each case about what it claims to cover: the Reply must have these before the platforms are compared. */
  quotes: 'some' | 'none';
  buttons: Array<'more' | 'post'>;
  line?: RegExp;
}

// /digest is left out: `/digest preview` and the no-argument usage both need DigestServices (the digest store
// and config). Over the chat Services alone the command only answers "Daily digests are not enabled on this
// bot." and never reaches preview or usage; tests/digest/{discord,slack}-command.test.ts cover it per platform.
const CASES: Case[] = [
  { command: 'quote', options: { query: 'Kozak' }, quotes: 'some', buttons: ['more', 'post'], line: /^showing 1-5 of \d+$/ },
  { command: 'quote', options: { query: 'Kozak' }, offset: 5, quotes: 'some', buttons: ['post'], line: /^showing 6-\d+ of \d+$/ },
  { command: 'quote', options: { query: 'Kozac' }, quotes: 'some', buttons: ['more', 'post'], line: /^No exact match for 'Kozac'/ },
  // Articles without a URL and with inferred dates; headlines.
  { command: 'quote', options: { query: 'ceasefire' }, quotes: 'some', buttons: ['post'], line: /^showing 1-\d+ of \d+$/ },
  { command: 'quote', options: { query: 'Penguins chocolate' }, quotes: 'none', buttons: [], line: /^No sentence in the corpus matches/ },
  { command: 'quote', options: { query: 'Kozak' }, offset: 50, quotes: 'none', buttons: [], line: /^No more sentences/ },
  { command: 'quote', options: { query: `Kozak -"${MENTIONS}"` }, quotes: 'some', buttons: ['more', 'post'], line: /^showing 1-5 of \d+$/ },
  { command: 'check', options: { claim: 'Putin rejected a peace deal secured by Kozak' }, quotes: 'some', buttons: ['more', 'post'], line: /^Claim: “Putin rejected/ },
  { command: 'check', options: { claim: 'Russia demands Ukraine drop its NATO bid' }, quotes: 'some', buttons: ['post'], line: /match: / },
  { command: 'check', options: { claim: 'Penguins opened a chocolate factory on the Moon' }, quotes: 'none', buttons: [], line: /does not make it false/ },
  { command: 'check', options: { claim: `Putin rejected a peace deal, says ${MENTIONS}` }, quotes: 'none', buttons: [], line: /^Claim: / },
  { command: 'timeline', options: { topic: 'Putin' }, quotes: 'some', buttons: ['more', 'post'], line: /^entries 1-5, oldest first/ },
  { command: 'timeline', options: { topic: 'NATO' }, quotes: 'some', buttons: ['more', 'post'], line: /^entries 1-5, oldest first \(\d{4}-\d\d-\d\d to / },
  { command: 'timeline', options: { topic: 'Putin' }, offset: 5, quotes: 'some', buttons: ['more', 'post'], line: /^entries 6-10, oldest first/ },
  { command: 'timeline', options: { topic: 'Penguins' }, quotes: 'none', buttons: [], line: /^No statement in the corpus is about/ },
  { command: 'timeline', options: { topic: MENTIONS }, quotes: 'none', buttons: [] },
  { command: 'sources', options: {}, quotes: 'none', buttons: [], line: /^Publishers \(articles\): / },
  { command: 'help', options: {}, quotes: 'none', buttons: [], line: /^Query syntax:$/ },
];

const title = (c: Case) => `/${c.command} ${JSON.stringify(c.options)}${c.offset ? ` from ${c.offset}` : ''}`;

describe('every command shows the same content on Discord and Slack', () => {
  it('covers every command in commands/index.ts except /digest', () => {
    const covered = new Set(CASES.map((c) => c.command));
    expect(commands.map((c) => c.name).filter((name) => !covered.has(name))).toEqual(['digest']);
  });

  it.each(CASES.map((c) => [title(c), c] as const))('%s', async (_title, c) => {
    const reply = await run(c.command, c.options, c.offset);
    const neutral = neutralView(reply);
    expect(neutral.items[0]?.kind, 'every answer here starts with a header').toBe('header');
    expect(quoteBlocks(reply).length > 0 ? 'some' : 'none').toBe(c.quotes);
    expect(neutral.buttons.map((b) => b.action.action)).toEqual(c.buttons);
    if (c.line) expect(neutral.items.some((item) => item.kind === 'line' && c.line?.test(item.text))).toBe(true);

    const discord = discordView(renderDiscord(reply));
    const slack = slackView(renderSlack(reply));
    // Same header, lines, fields, quotes (sentence, label, publisher, date, title, link) and buttons, in order…
    expect(discord).toEqual(slack);
    // …and that is the Reply's content, not a loss both renderers share.
    expect(discord).toEqual(neutral);
    expect(slack).toEqual(neutral);
  });
});

describe('no mention can come out of user input on either platform', () => {
  const inputs: Array<[string, Record<string, OptionValue>]> = [
    ['quote', { query: MENTIONS }],
    ['quote', { query: `Kozak -"${MENTIONS}"` }],
    ['check', { claim: `Putin rejected a peace deal, says ${MENTIONS}` }],
    ['timeline', { topic: MENTIONS }],
  ];

  it.each(inputs)('/%s %j', async (command, options) => {
    const reply = await run(command, options);
    const input = Object.values(options)[0] as string;
    // The input is echoed back (header, claim line), else there would be nothing to neutralise.
    expect(textOf(reply)).toContain(MENTIONS);

    const discord = renderDiscord(reply);
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    const markdown = rawMarkdown(discord);
    expect(markdown).not.toMatch(/(?<!\\)<[@!#]/);
    expect(markdown).not.toMatch(/@(everyone|here)/);
    // Footers are not escaped (plain text on Discord): user input must not reach them raw either.
    const footers = discord.embeds.map((e) => e.footer?.text ?? '').join('\n');
    expect(footers).not.toMatch(/<[@!#]|@(everyone|here)/);
    // Still shown, as text.
    expect(visibleText(discord)).toContain(MENTIONS);

    const slack = renderSlack(reply);
    const shown = [slack.text, ...displayedTexts(slack.blocks)];
    for (const text of shown) {
      // Our own markup: the quote marker and the citation links built from corpus URLs.
      const rest = text.replace(/^>/, '').replace(/<https?:\/\/[^|<>\s]+\|[^<>]*>/g, '');
      expect(rest).not.toMatch(/[<>]/);
    }
    expect(shown.join('\n')).toContain('@everyone &lt;!channel&gt; &lt;@U123&gt; &lt;@&amp;456&gt;');
    expect(unescapeSlack(shown.join('\n'))).toContain(MENTIONS);

    // Buttons carry the input back unchanged on both platforms.
    const expected = actionsOf(reply).map((a) => ({ action: a.action, command: a.command, state: a.state }));
    expect(expected.every((a) => a.state.text === input)).toBe(true);
    const discordButtons = discord.components.flatMap((row) => row.components).map((b) => decoded(b.custom_id));
    const slackButtons = buttonsIn(slack.blocks).map((b) => decoded(b.value));
    expect(discordButtons).toEqual(expected);
    expect(slackButtons).toEqual(expected);
  });
});
