// Gateway mode end to end: the real discord.js Client logs in to the fake gateway, receives
// INTERACTION_CREATE, and answers through the fake REST, over the real search index and checker.
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_EVIDENCE_LIMIT } from '../../../commands/check.ts';
import { PAGE_SIZE } from '../../../commands/common.ts';
import { commands } from '../../../commands/index.ts';
import { startDiscordGateway, type RunningDiscordGateway } from '../../../src/adapters/discord/gateway.ts';
import { EMPTY_MESSAGE_TEXT } from '../../../src/adapters/discord/inbound.ts';
import type { Services } from '../../../src/chat/services.ts';
import { FAKE_APPLICATION_ID, FakeDiscord } from '../../fakes/discord.ts';
import { booleanOption, buttonPress, checkThisMessage, slashCommand, stringOption } from '../../fixtures/discord/interactions.ts';
import { seedServices } from '../../helpers/services.ts';
import { buttonId, rawMarkdown, visibleText } from './visible-text.ts';

let discord: FakeDiscord;
let gateway: RunningDiscordGateway;
let services: Services;

beforeAll(async () => {
  services = await seedServices();
  discord = await FakeDiscord.start();
  gateway = await startDiscordGateway({ token: 'fake-bot-token', apiUrl: discord.apiUrl, commands, services });
  // /readyz reads this: the session is up once READY arrived.
  expect(gateway.connected()).toBe(true);
});
afterAll(async () => {
  await gateway?.stop();
  expect(gateway?.connected()).toBe(false);
  await discord?.close();
});

type Sent = { id: string; token: string };
const callback = (i: Sent) => discord.waitForRequest((r) => r.method === 'POST' && r.path === `/api/v10/interactions/${i.id}/${i.token}/callback`);
const editedOriginal = (i: Sent) =>
  discord.waitForRequest((r) => r.method === 'PATCH' && r.path === `/api/v10/webhooks/${FAKE_APPLICATION_ID}/${i.token}/messages/@original`);
const followUp = (i: Sent) => discord.waitForRequest((r) => r.method === 'POST' && r.path === `/api/v10/webhooks/${FAKE_APPLICATION_ID}/${i.token}`);
const indexOf = (request: object) => discord.requests.indexOf(request as (typeof discord.requests)[number]);

describe('Discord gateway mode', () => {
  it('logs in once over the gateway', () => {
    expect(discord.identifies).toHaveLength(1);
  });

  it('/quote query:Kozak defers privately, then edits @original with the verbatim sentences', async () => {
    const expected = await services.search.quote('Kozak', { limit: PAGE_SIZE });
    expect(expected.results.length).toBeGreaterThan(0);
    const interaction = slashCommand('quote', [stringOption('query', 'Kozak')]);
    discord.dispatchInteraction(interaction);

    const deferral = await callback(interaction);
    expect(deferral.body).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    const edit = await editedOriginal(interaction);
    expect(indexOf(deferral)).toBeLessThan(indexOf(edit));
    const body = edit.body as { allowed_mentions: { parse: string[] } };
    expect(body.allowed_mentions.parse).toEqual([]);
    const text = visibleText(edit.body);
    for (const hit of expected.results) {
      expect(text).toContain(hit.text);
      expect(text).toContain(hit.article.publisher);
      if (hit.article.url) expect(rawMarkdown(edit.body)).toContain(hit.article.url);
    }
  });

  it('/quote public:true defers publicly', async () => {
    const interaction = slashCommand('quote', [stringOption('query', 'Kozak'), booleanOption('public', true)]);
    discord.dispatchInteraction(interaction);
    const deferral = (await callback(interaction)).body as { type: number; data?: { flags?: number } };
    expect(deferral.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect((deferral.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect(buttonId((await editedOriginal(interaction)).body, 'Post to channel')).toBeUndefined();
  });

  it('More gives the next page, privately', async () => {
    const firstPage = await services.search.quote('Kozak', { limit: PAGE_SIZE });
    const secondPage = await services.search.quote('Kozak', { limit: PAGE_SIZE, offset: PAGE_SIZE });
    expect(secondPage.results.length).toBeGreaterThan(0);
    const command = slashCommand('quote', [stringOption('query', 'Kozak')]);
    discord.dispatchInteraction(command);
    const more = buttonId((await editedOriginal(command)).body, 'More');
    expect(more).toBeDefined();

    const press = buttonPress(more!);
    discord.dispatchInteraction(press);
    expect((await callback(press)).body).toMatchObject({ data: { flags: MessageFlags.Ephemeral } });
    const text = visibleText((await editedOriginal(press)).body);
    for (const hit of secondPage.results) expect(text).toContain(hit.text);
    for (const hit of firstPage.results) expect(text).not.toContain(hit.text);
  });

  it('Post to channel posts the page publicly, credits the user by name without a mention, and confirms privately', async () => {
    const page = await services.search.quote('Kozak', { limit: PAGE_SIZE });
    const command = slashCommand('quote', [stringOption('query', 'Kozak')]);
    discord.dispatchInteraction(command);
    const post = buttonId((await editedOriginal(command)).body, 'Post to channel');
    expect(post).toBeDefined();

    const press = buttonPress(post!, 'Olena <@999> @everyone');
    discord.dispatchInteraction(press);
    expect((await callback(press)).body).toMatchObject({ data: { flags: MessageFlags.Ephemeral } });
    expect(visibleText((await editedOriginal(press)).body)).toMatch(/posted/i);
    const copy = await followUp(press);
    const body = copy.body as { flags?: number; allowed_mentions: { parse: string[] } };
    expect((body.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect(body.allowed_mentions.parse).toEqual([]);
    const text = visibleText(copy.body);
    expect(text).toContain('Olena <@999> @everyone');
    for (const hit of page.results) expect(text).toContain(hit.text);
    expect(rawMarkdown(copy.body)).not.toMatch(/(?<!\\)<@|@everyone/);
    expect(buttonId(copy.body, 'Post to channel')).toBeUndefined();
  });

  it('"Check this message" checks the message text', async () => {
    const claim = 'Putin rejected Kozak deal';
    // As /check asks for it: the whole evidence list, then the first page.
    const expected = await services.checker.check(claim, { limit: CHECK_EVIDENCE_LIMIT, offset: 0 });
    expect(expected.evidence.length).toBeGreaterThan(0);
    const interaction = checkThisMessage(claim);
    discord.dispatchInteraction(interaction);
    expect((await callback(interaction)).body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    const text = visibleText((await editedOriginal(interaction)).body);
    expect(text).toContain(claim);
    for (const evidence of expected.evidence.slice(0, PAGE_SIZE)) expect(text).toContain(evidence.text);
  });

  it('"Check this message" on a message without text says so privately', async () => {
    const interaction = checkThisMessage('   ');
    discord.dispatchInteraction(interaction);
    const reply = await callback(interaction);
    expect(reply.body).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    expect(visibleText((reply.body as { data: unknown }).data)).toContain(EMPTY_MESSAGE_TEXT);
  });

  it('escapes mentions echoed from the query', async () => {
    const interaction = slashCommand('quote', [stringOption('query', '@everyone <@123> <@&456> Kozak')]);
    discord.dispatchInteraction(interaction);
    const edit = await editedOriginal(interaction);
    expect((edit.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
    expect(visibleText(edit.body)).toContain('<@123>');
    expect(rawMarkdown(edit.body)).not.toMatch(/(?<!\\)<@|@everyone/);
  });

  it('answers an expired button with a clear private message', async () => {
    const press = buttonPress('fb1:c:AAAAAAAAAAAAAAAA');
    discord.dispatchInteraction(press);
    await callback(press);
    expect(visibleText((await editedOriginal(press)).body)).toMatch(/expired/);
  });

  it('keeps running after Discord rejects an interaction response', async () => {
    const doomed = slashCommand('quote', [stringOption('query', 'Kozak')]);
    discord.overrides.push((r) => (r.path.includes(`/interactions/${doomed.id}/`) ? { status: 404, body: { message: 'Unknown interaction', code: 10062 } } : undefined));
    discord.dispatchInteraction(doomed);
    await callback(doomed);
    const next = slashCommand('quote', [stringOption('query', 'Kozak')]);
    discord.dispatchInteraction(next);
    expect((await editedOriginal(next)).body).toBeDefined();
    expect(discord.requests.some((r) => r.path.includes(doomed.token) && r.method === 'PATCH')).toBe(false);
  });
});
