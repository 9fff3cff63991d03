import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/chat/logger.ts';

function captured(options: Parameters<typeof createLogger>[0] = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({ env: {}, ...options, destination: { write: (chunk: string) => void lines.push(JSON.parse(chunk)) } });
  return { log, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level, time and message', () => {
    const { log, lines } = captured();
    log.info({ articles: 5 }, 'corpus indexed');
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'corpus indexed', articles: 5, time: expect.any(Number) })]);
  });

  it('redacts tokens and secrets at the top level and nested, in child loggers too', () => {
    const { log, lines } = captured();
    const secrets = ['xoxb-1', 'xapp-2', 'sig-3', 'disc-4', 'bearer-5'];
    log.child({ platform: 'slack' }).info(
      {
        token: secrets[0],
        options: { appToken: secrets[1], signingSecret: secrets[2] },
        env: { DISCORD_TOKEN: secrets[3] },
        req: { headers: { authorization: secrets[4] } },
        channel: 'C1',
      },
      'config',
    );
    const text = JSON.stringify(lines);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ token: '[redacted]', options: { appToken: '[redacted]' }, channel: 'C1', platform: 'slack' });
  });

  it('takes its level from LOG_LEVEL, ignoring an invalid one', () => {
    const quiet = captured({ env: { LOG_LEVEL: 'error' } });
    quiet.log.warn('dropped');
    quiet.log.error('kept');
    expect(quiet.lines.map((l) => l.msg)).toEqual(['kept']);

    const invalid = captured({ env: { LOG_LEVEL: 'loud' }, fallbackLevel: 'warn' });
    invalid.log.info('dropped');
    invalid.log.warn('kept');
    expect(invalid.lines.map((l) => l.msg)).toEqual(['kept']);
  });
});
