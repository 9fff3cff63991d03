// HTTP interactions mode: requests signed with an Ed25519 key made here, as Discord signs them, reach
// the handler over real HTTP; the deferred answers go out through @discordjs/rest to the fake REST.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../../commands/common.ts';
import { commands } from '../../../commands/index.ts';
import {
  createDiscordInteractionsHandler,
  DISCORD_INTERACTIONS_PATH,
  MAX_INTERACTION_BODY_BYTES,
} from '../../../src/adapters/discord/http-interactions.ts';
import { EMPTY_MESSAGE_TEXT } from '../../../src/adapters/discord/inbound.ts';
import type { Services } from '../../../src/chat/services.ts';
import { FAKE_APPLICATION_ID, FakeDiscord } from '../../fakes/discord.ts';
import { booleanOption, buttonPress, checkThisMessage, ping, slashCommand, stringOption } from '../../fixtures/discord/interactions.ts';
import { createLogger } from '../../../src/chat/logger.ts';
import { seedServices } from '../../helpers/services.ts';
import { buttonId, visibleText } from './visible-text.ts';

const discordKeys = generateKeyPairSync('ed25519');
const strangerKeys = generateKeyPairSync('ed25519');
/** The public key as the developer portal shows it: the raw 32 bytes in hex (the JWK `x`). */
const publicKeyHex = Buffer.from(discordKeys.publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('hex');

let discord: FakeDiscord;
let server: Server;
let endpoint: string;
let services: Services;

beforeAll(async () => {
  services = await seedServices();
  discord = await FakeDiscord.start();
  const handler = createDiscordInteractionsHandler({ publicKey: publicKeyHex, applicationId: FAKE_APPLICATION_ID, apiUrl: discord.apiUrl, commands, services });
  server = createServer((req, res) => (req.url === DISCORD_INTERACTIONS_PATH ? handler(req, res) : res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}${DISCORD_INTERACTIONS_PATH}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await discord?.close();
});

function signatureHeaders(body: string, key: KeyObject = discordKeys.privateKey, timestamp = String(Math.floor(Date.now() / 1000))) {
  return {
    'content-type': 'application/json',
    'x-signature-timestamp': timestamp,
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), key).toString('hex'),
  };
}

async function post(body: string, headers: Record<string, string>, url = endpoint): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
}

const signedPost = (payload: unknown) => {
  const body = JSON.stringify(payload);
  return post(body, signatureHeaders(body));
};
const editedOriginal = (token: string) =>
  discord.waitForRequest((r) => r.method === 'PATCH' && r.path === `/api/v10/webhooks/${FAKE_APPLICATION_ID}/${token}/messages/@original`);

describe('Discord HTTP interactions: signatures', () => {
  it('answers a signed PING with {"type":1}', async () => {
    expect(await signedPost(ping())).toEqual({ status: 200, json: { type: 1 } });
  });

  it('rejects a missing, foreign, mismatched or malformed signature with 401 and does nothing', async () => {
    const before = discord.requests.length;
    const body = JSON.stringify(slashCommand('quote', [stringOption('query', 'Kozak')]));
    const good = signatureHeaders(body);
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await post(body, signatureHeaders(body, strangerKeys.privateKey))).status).toBe(401);
    expect((await post(body.replace('Kozak', 'Putin'), good)).status).toBe(401);
    expect((await post(body, { ...good, 'x-signature-timestamp': String(Number(good['x-signature-timestamp']) + 1) })).status).toBe(401);
    expect((await post(body, { ...good, 'x-signature-ed25519': 'zz' })).status).toBe(401);
    expect((await post(JSON.stringify(ping()), { 'content-type': 'application/json', 'x-signature-timestamp': '1', 'x-signature-ed25519': '' })).status).toBe(401);
    expect(discord.requests.length).toBe(before);
  });

  it('refuses bodies over the size cap, other methods, and signed non-JSON', async () => {
    const huge = 'x'.repeat(MAX_INTERACTION_BODY_BYTES + 1);
    expect((await post(huge, signatureHeaders(huge))).status).toBe(413);
    expect((await fetch(endpoint)).status).toBe(405);
    expect((await post('not json', signatureHeaders('not json'))).status).toBe(400);
  });
});

describe('Discord HTTP interactions: commands and buttons', () => {
  it('/quote query:Kozak answers {"type":5} with flag 64, then PATCHes @original with the sentences', async () => {
    const expected = await services.search.quote('Kozak', { limit: PAGE_SIZE });
    const interaction = slashCommand('quote', [stringOption('query', 'Kozak')]);
    expect(await signedPost(interaction)).toEqual({
      status: 200,
      json: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } },
    });
    const edit = await editedOriginal(interaction.token);
    expect((edit.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
    const text = visibleText(edit.body);
    expect(expected.results.length).toBeGreaterThan(0);
    for (const hit of expected.results) expect(text).toContain(hit.text);
  });

  it('/quote public:true defers without the ephemeral flag', async () => {
    const interaction = slashCommand('quote', [stringOption('query', 'Kozak'), booleanOption('public', true)]);
    expect((await signedPost(interaction)).json).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    await editedOriginal(interaction.token);
  });

  it('More and Post to channel work from the buttons of the first answer', async () => {
    const secondPage = await services.search.quote('Kozak', { limit: PAGE_SIZE, offset: PAGE_SIZE });
    const command = slashCommand('quote', [stringOption('query', 'Kozak')]);
    await signedPost(command);
    const first = (await editedOriginal(command.token)).body;

    const more = buttonPress(buttonId(first, 'More') ?? 'missing');
    expect((await signedPost(more)).json).toMatchObject({ data: { flags: MessageFlags.Ephemeral } });
    const nextPage = visibleText((await editedOriginal(more.token)).body);
    for (const hit of secondPage.results) expect(nextPage).toContain(hit.text);

    const share = buttonPress(buttonId(first, 'Post to channel') ?? 'missing', 'Olena');
    await signedPost(share);
    expect(visibleText((await editedOriginal(share.token)).body)).toMatch(/posted/i);
    const publicCopy = await discord.waitForRequest((r) => r.method === 'POST' && r.path === `/api/v10/webhooks/${FAKE_APPLICATION_ID}/${share.token}`);
    expect(((publicCopy.body as { flags?: number }).flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect(visibleText(publicCopy.body)).toContain('Olena');
  });

  it('"Check this message" defers and edits in the check; an empty message gets a private type 4 answer', async () => {
    const claim = 'Kozak secured a deal';
    const interaction = checkThisMessage(claim);
    expect((await signedPost(interaction)).json).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    expect(visibleText((await editedOriginal(interaction.token)).body)).toContain(claim);

    const empty = await signedPost(checkThisMessage(''));
    expect(empty.json).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } } });
    expect(visibleText((empty.json as { data: unknown }).data)).toContain(EMPTY_MESSAGE_TEXT);
  });
});

describe('Discord HTTP interactions: failures', () => {
  it('logs a rejected edit without the interaction token', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
    const handler = createDiscordInteractionsHandler({ publicKey: publicKeyHex, applicationId: FAKE_APPLICATION_ID, apiUrl: discord.apiUrl, commands, services: { ...services, log } });
    const logged = createServer(handler);
    await new Promise<void>((resolve) => logged.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(logged.address() as AddressInfo).port}${DISCORD_INTERACTIONS_PATH}`;
    const interaction = slashCommand('quote', [stringOption('query', 'Kozak')]);
    discord.overrides.push((r) => (r.method === 'PATCH' && r.path.includes(interaction.token) ? { status: 404, body: { message: 'Unknown Webhook', code: 10015 } } : undefined));
    try {
      const body = JSON.stringify(interaction);
      expect((await post(body, signatureHeaders(body), url)).status).toBe(200);
      await editedOriginal(interaction.token);
      await expect.poll(() => lines.some((line) => line.includes('could not send the answer'))).toBe(true);
      expect(lines.join('')).toContain('Unknown Webhook');
      expect(lines.join('')).not.toContain(interaction.token);
    } finally {
      discord.overrides.pop();
      logged.closeAllConnections();
      await new Promise((resolve) => logged.close(resolve));
    }
  });
});
