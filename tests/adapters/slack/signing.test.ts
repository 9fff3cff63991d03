// Request signing: Slack's published example through our signing helper, then the same request through the
// real Bolt receiver behind our listener, with the clock frozen at the example's time (only Date is faked).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { createSlackBot, type SlackBot } from '../../../src/adapters/slack/app.ts';
import { SIGNATURE_MAX_AGE_SECONDS } from '../../../src/adapters/slack/limits.ts';
import { FakeSlack, postSigned, slackSignature } from '../../fakes/slack.ts';
import { seedServices } from '../../helpers/services.ts';

// https://docs.slack.dev/authentication/verifying-requests-from-slack (the worked example).
const EXAMPLE = {
  signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
    '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
    '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe("Slack's signing example", () => {
  it('is reproduced by our signing helper', () => {
    expect(slackSignature(EXAMPLE.signingSecret, EXAMPLE.timestamp, EXAMPLE.body)).toBe(EXAMPLE.signature);
  });
});

describe('the real Bolt receiver, clock frozen at the example', () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    bot = await createSlackBot({
      botToken: 'xoxb-fake',
      signingSecret: EXAMPLE.signingSecret,
      apiUrl: fake.apiUrl,
      commands,
      services: await seedServices(),
      apiRetries: 0,
    });
    server = createServer(bot.requestListener ?? (() => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await fake.close();
  });

  function freezeAt(secondsAfterExample: number): void {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((EXAMPLE.timestamp + secondsAfterExample) * 1000);
  }

  const send = (body: string) =>
    postSigned(url, body, { signingSecret: EXAMPLE.signingSecret, timestamp: EXAMPLE.timestamp, signature: EXAMPLE.signature });

  it('accepts the example request and answers it (an unknown command, privately in the ack)', async () => {
    freezeAt(10);
    const response = await send(EXAMPLE.body);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ response_type: 'ephemeral', text: 'factbot does not know /webhook-collect. Try /help.' });
  });

  it('refuses the example once one byte of the body changed', async () => {
    freezeAt(10);
    expect((await send(EXAMPLE.body.replace('roadrunner', 'roadrunnex'))).status).toBe(401);
  });

  it('accepts it at the edge of the 5 minutes and refuses it a second later', async () => {
    freezeAt(SIGNATURE_MAX_AGE_SECONDS - 1);
    expect((await send(EXAMPLE.body)).status).toBe(200);
    freezeAt(SIGNATURE_MAX_AGE_SECONDS + 1);
    expect((await send(EXAMPLE.body)).status).toBe(401);
  });
});
