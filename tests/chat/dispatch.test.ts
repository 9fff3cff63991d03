import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/chat/action-codec.ts';
import { runAction, runCommand } from '../../src/chat/dispatch.ts';
import { createLogger } from '../../src/chat/logger.ts';
import type { CommandDefinition, Invocation, Reply, Responder, Visibility } from '../../src/chat/model.ts';
import type { Services } from '../../src/chat/services.ts';
import type { ClaimChecker } from '../../src/check/types.ts';
import type { SearchBackend } from '../../src/search/backend.ts';

type LogLine = Record<string, unknown>;
type Event = { call: 'defer' | 'send' | 'followUp'; visibility: Visibility; reply?: Reply };

function unused(name: string): never {
  throw new Error(`${name} is not used by dispatch`);
}

// Dispatch never touches search or the checker itself; commands do. These fail loudly if it did.
const noSearch: SearchBackend = {
  quote: async () => unused('search.quote'),
  stats: async () => unused('search.stats'),
  articles: async () => unused('search.articles'),
  articleSummaries: async () => unused('search.articleSummaries'),
  sentencesOf: async () => unused('search.sentencesOf'),
  upsertArticle: async () => unused('search.upsertArticle'),
  removeArticle: async () => unused('search.removeArticle'),
};
const noChecker: ClaimChecker = { check: async () => unused('check'), timeline: async () => unused('timeline') };

function capturedServices(): { services: Services; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (chunk: string) => void lines.push(JSON.parse(chunk)) } });
  return { services: { search: noSearch, checker: noChecker, log, now: () => 0 }, lines };
}

function recordingResponder(failOn?: Event['call']): { responder: Responder; events: Event[] } {
  const events: Event[] = [];
  const record = (call: Event['call']) => async (replyOrVisibility: Reply | Visibility, visibility?: Visibility) => {
    if (call === failOn) throw new Error(`${call} refused by platform`);
    if (typeof replyOrVisibility === 'string') events.push({ call, visibility: replyOrVisibility });
    else events.push({ call, visibility: visibility as Visibility, reply: replyOrVisibility });
  };
  return { responder: { defer: record('defer'), send: record('send'), followUp: record('followUp') }, events };
}

function invocation(overrides: Partial<Invocation> = {}): Invocation {
  return {
    platform: 'slack',
    command: 'echo',
    options: { text: 'Kozak' },
    user: { id: 'U1', name: 'Alice Example' },
    channel: { id: 'C1' },
    workspace: { id: 'T1' },
    requestId: 'req-42',
    ...overrides,
  };
}

/** Echoes its text and offset, with More and Post buttons, so tests can see what dispatch passed on. */
const echoCommand: CommandDefinition<Services> = {
  name: 'echo',
  description: 'echo',
  options: [],
  textOption: 'text',
  visibility: 'private',
  async run(inv, _services, offset) {
    const text = String(inv.options.text);
    return {
      summary: `${text}@${offset}`,
      blocks: [
        { type: 'text', text: `${text}@${offset}` },
        {
          type: 'actions',
          actions: [
            { action: 'more', label: 'More', command: 'echo', state: { text, offset: offset + 5 } },
            { action: 'post', label: 'Post to channel', command: 'echo', state: { text, offset } },
          ],
        },
      ],
    };
  },
};

const SECRET_DETAIL = 'connect ECONNREFUSED token=xoxb-secret-123';
const failingCommand: CommandDefinition<Services> = {
  ...echoCommand,
  name: 'broken',
  async run() {
    throw new Error(SECRET_DETAIL);
  },
};

function allText(reply: Reply | undefined): string {
  return JSON.stringify(reply?.blocks ?? []);
}

describe('runCommand', () => {
  it('defers before running and sends the reply with the same visibility', async () => {
    const { services } = capturedServices();
    const { responder, events } = recordingResponder();
    await runCommand({ definition: echoCommand, invocation: invocation(), responder, services, offset: 10 });
    expect(events.map((e) => `${e.call}:${e.visibility}`)).toEqual(['defer:private', 'send:private']);
    expect(events[1]?.reply?.summary).toBe('Kozak@10');
  });

  it('answers publicly when the invocation asks, without a Post button', async () => {
    const { services } = capturedServices();
    const { responder, events } = recordingResponder();
    await runCommand({ definition: echoCommand, invocation: invocation({ options: { text: 'Kozak', public: true } }), responder, services });
    expect(events.map((e) => `${e.call}:${e.visibility}`)).toEqual(['defer:public', 'send:public']);
    const actions = events[1]?.reply?.blocks.flatMap((b) => (b.type === 'actions' ? b.actions.map((a) => a.action) : []));
    expect(actions).toEqual(['more']);
  });

  it('logs through a child logger carrying platform, command and request id', async () => {
    const { services, lines } = capturedServices();
    const { responder } = recordingResponder();
    await runCommand({ definition: echoCommand, invocation: invocation({ platform: 'discord', requestId: 'abc-123' }), responder, services });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatchObject({ platform: 'discord', command: 'echo', requestId: 'abc-123' });
  });

  it('turns a failing command into a short neutral reply and logs the error', async () => {
    const { services, lines } = capturedServices();
    const { responder, events } = recordingResponder();
    await runCommand({ definition: failingCommand, invocation: invocation({ command: 'broken' }), responder, services });
    const sent = events.find((e) => e.call === 'send');
    expect(sent?.visibility).toBe('private');
    const text = allText(sent?.reply);
    expect(text).toContain('/broken');
    expect(text).toContain('req-42');
    expect(text).not.toContain('xoxb');
    expect(text).not.toContain('ECONNREFUSED');
    expect(text).not.toMatch(/at .*\.ts/);
    const error = lines.find((l) => l.level === 50);
    expect(error).toMatchObject({ command: 'broken', requestId: 'req-42', platform: 'slack' });
    expect(JSON.stringify(error)).toContain('ECONNREFUSED');
  });

  it('sends nothing when the platform refuses the acknowledgement, and logs it', async () => {
    const { services, lines } = capturedServices();
    const { responder, events } = recordingResponder('defer');
    await runCommand({ definition: echoCommand, invocation: invocation(), responder, services });
    expect(events).toEqual([]);
    expect(lines.some((l) => l.level === 50 && String(l.msg).includes('acknowledge'))).toBe(true);
  });
});

describe('runAction', () => {
  const commands = [echoCommand, failingCommand];

  it('sends the next page privately for More', async () => {
    const { services } = capturedServices();
    const { responder, events } = recordingResponder();
    const encoded = encodeAction({ action: 'more', label: 'More', command: 'echo', state: { text: 'Kozak deal', offset: 5 } }, 100);
    await runAction({ encoded, invocation: invocation({ command: 'button', options: {} }), responder, services, commands });
    expect(events.map((e) => `${e.call}:${e.visibility}`)).toEqual(['defer:private', 'send:private']);
    expect(events[1]?.reply?.summary).toBe('Kozak deal@5');
  });

  it('posts publicly crediting the user by name (no mention) and confirms privately', async () => {
    const { services } = capturedServices();
    const { responder, events } = recordingResponder();
    const encoded = encodeAction({ action: 'post', label: 'Post', command: 'echo', state: { text: 'Kozak', offset: 5 } }, 2000);
    await runAction({ encoded, invocation: invocation({ command: 'button', options: {} }), responder, services, commands });
    const publicCopy = events.find((e) => e.call === 'followUp');
    expect(publicCopy?.visibility).toBe('public');
    expect(publicCopy?.reply?.blocks[0]).toEqual({ type: 'context', text: 'Shared by Alice Example · /echo Kozak' });
    expect(allText(publicCopy?.reply)).toContain('Kozak@5');
    expect(allText(publicCopy?.reply)).not.toContain('U1');
    expect(allText(publicCopy?.reply)).not.toContain('"post"');
    const confirmation = events.find((e) => e.call === 'send');
    expect(confirmation?.visibility).toBe('private');
    expect(confirmation?.reply?.summary).toMatch(/posted/i);
    expect(events.filter((e) => e.call !== 'defer').map((e) => e.call)).toEqual(['send', 'followUp']);
  });

  it('tells the user privately when a cached button has expired', async () => {
    const { services } = capturedServices();
    const { responder, events } = recordingResponder();
    await runAction({ encoded: 'fb1:c:AAAAAAAAAAAAAAAA', invocation: invocation(), responder, services, commands });
    expect(events.map((e) => `${e.call}:${e.visibility}`)).toEqual(['defer:private', 'send:private']);
    expect(events[1]?.reply?.summary).toBe('This button has expired; run /quote again.');
  });

  it('treats an unreadable or unknown-command button like an expired one', async () => {
    const { services } = capturedServices();
    for (const encoded of ['garbage', 'fb1:m:nosuch:0:x']) {
      const { responder, events } = recordingResponder();
      await runAction({ encoded, invocation: invocation(), responder, services, commands });
      expect(events.at(-1)?.visibility).toBe('private');
      expect(events.at(-1)?.reply?.summary).toBe('This button has expired; run /quote again.');
    }
  });

  it('reports a failed public post privately instead of claiming nothing', async () => {
    const { services } = capturedServices();
    const { responder, events } = recordingResponder();
    const failingFollowUp: Responder = {
      ...responder,
      followUp: async (reply, visibility) => {
        if (visibility === 'public') throw new Error('Missing Access');
        await responder.followUp(reply, visibility);
      },
    };
    const encoded = encodeAction({ action: 'post', label: 'Post', command: 'echo', state: { text: 'Kozak', offset: 0 } }, 100);
    await runAction({ encoded, invocation: invocation(), responder: failingFollowUp, services, commands });
    const last = events.at(-1);
    expect(last).toMatchObject({ call: 'followUp', visibility: 'private' });
    expect(last?.reply?.summary).toMatch(/could not post/i);
  });
});
