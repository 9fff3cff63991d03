// A line-based chat in the terminal: the same commands, dispatch and buttons as Discord and Slack, with
// Enter standing in for the More button. Reads any stream, so it works on a pipe and stops at EOF.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { encodeAction } from '../../chat/action-codec.ts';
import { runAction, runCommand } from '../../chat/dispatch.ts';
import type { CommandDefinition, Invocation, Reply, ReplyAction, Responder } from '../../chat/model.ts';
import type { Services } from '../../chat/services.ts';
import { renderForTerminal, stripControlCharacters } from './render.ts';

/** The console has no platform field limit; this only has to hold the longest accepted input. */
const CONSOLE_ACTION_MAX_LENGTH = 2000;
const QUIT_COMMANDS = new Set(['quit', 'exit']);
const PROMPT = '> ';

export interface ConsoleChatOptions {
  input: NodeJS.ReadableStream;
  output: { write(text: string): unknown };
  services: Services;
  commands: readonly CommandDefinition<Services>[];
  color: boolean;
  /** Show a prompt before each line (interactive terminals only). */
  prompt: boolean;
  /** Shown as the user in logs and in "Shared by …"; default "console". */
  userName?: string;
}

function nextPageAction(reply: Reply): ReplyAction | null {
  for (const block of reply.blocks) {
    if (block.type !== 'actions') continue;
    const more = block.actions.find((action) => action.action === 'more');
    if (more) return more;
  }
  return null;
}

/** Splits "/quote Kozak met" into the command name and the rest of the line. */
export function parseCommandLine(line: string): { name: string; text: string } | null {
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
  return match ? { name: (match[1] as string).toLowerCase(), text: (match[2] as string).trim() } : null;
}

/** Runs the chat until the input ends or the user types /quit. */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { output, services, commands } = options;
  const style = { color: options.color };
  const userName = options.userName ?? 'console';
  let lastMore: ReplyAction | null = null;

  const show = (reply: Reply): void => {
    // A blank line after each answer keeps consecutive answers apart.
    output.write(`${renderForTerminal(reply, style)}\n`);
    lastMore = nextPageAction(reply);
  };
  const say = (text: string): void => void output.write(`${stripControlCharacters(text)}\n`);
  const responder: Responder = {
    defer: async () => {},
    send: async (reply) => show(reply),
    followUp: async (reply) => show(reply),
  };
  const invocationFor = (command: string, opts: Invocation['options']): Invocation => ({
    platform: 'console',
    command,
    options: opts,
    user: { id: userName, name: userName },
    channel: { id: 'console' },
    workspace: null,
    requestId: randomUUID(),
  });

  const lines = createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
  if (options.prompt) output.write(PROMPT);
  for await (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') {
      if (lastMore) {
        const encoded = encodeAction(lastMore, CONSOLE_ACTION_MAX_LENGTH);
        await runAction({ encoded, invocation: invocationFor('more', {}), responder, services, commands });
      } else {
        say('Nothing more to show. Type /help for the commands.');
      }
    } else {
      const parsed = parseCommandLine(trimmed);
      const definition = parsed ? commands.find((c) => c.name === parsed.name) : undefined;
      if (parsed && QUIT_COMMANDS.has(parsed.name)) break;
      if (!parsed) {
        say(`Commands start with "/", for example: /quote Kozak. Type /help for the list.`);
      } else if (!definition) {
        const known = commands.map((c) => `/${c.name}`).join(', ');
        say(`Unknown command /${parsed.name}. Known commands: ${known}.`);
      } else {
        const opts = definition.textOption ? { [definition.textOption]: parsed.text } : {};
        await runCommand({ definition, invocation: invocationFor(definition.name, opts), responder, services });
      }
    }
    if (options.prompt) output.write(PROMPT);
  }
  lines.close();
}
