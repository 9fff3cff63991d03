// Bolt, its Web API client and its Socket Mode client log through this adapter into our pino logger.
// Their debug output contains raw payloads (with Slack's legacy verification `token`) and request lines, so
// every message is scrubbed of token-shaped strings before it is written.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const TOKEN_PATTERNS: Array<[RegExp, string]> = [
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, 'xox?-[redacted]'],
  [/\bxapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]'],
  [/("token"\s*:\s*")[^"]*(")/g, '$1[redacted]$2'],
  [/\btoken=[^&\s]+/g, 'token=[redacted]'],
];

export function scrubSecrets(text: string): string {
  return TOKEN_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function describe(parts: unknown[]): string {
  return scrubSecrets(
    parts
      .map((part) => {
        if (typeof part === 'string') return part;
        if (part instanceof Error) return `${part.name}: ${part.message}`;
        try {
          return JSON.stringify(part);
        } catch {
          return String(part);
        }
      })
      .join(' '),
  );
}

const PINO_TO_BOLT: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
};

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack-bolt' });
  // Bolt asks for its level to decide how much to log; ours is the source of truth.
  let level: LogLevel = PINO_TO_BOLT[log.level] ?? LogLevel.ERROR;
  return {
    // Bolt's debug lines serialise whole payloads: only pay for that when someone reads them.
    debug: (...msg: unknown[]) => {
      if (child.isLevelEnabled('debug')) child.debug(describe(msg));
    },
    info: (...msg: unknown[]) => child.info(describe(msg)),
    warn: (...msg: unknown[]) => child.warn(describe(msg)),
    error: (...msg: unknown[]) => child.error(describe(msg)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
