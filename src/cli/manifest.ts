// `factbot manifest slack`: prints the Slack app manifest built from the chat commands, ready to paste
// into api.slack.com/apps → Create New App → From a manifest.
import { stringify } from 'yaml';
import { parseOptions, UsageError, type CliIO, type Subcommand } from './io.ts';

export const manifestSlackCommand: Subcommand = {
  name: 'manifest slack',
  summary: 'Print the Slack app manifest (slash commands, shortcut, scopes) for --url or --socket',
  usage: [
    'Usage: factbot manifest slack (--url https://HOST | --socket) [--format json|yaml] [--name NAME]',
    '',
    'Prints the Slack app manifest generated from the bot\'s commands: one slash command each, with',
    'usage hints; the "Check this message" message shortcut; bot scopes commands, chat:write,',
    'chat:write.public, users:read; interactivity.',
    '',
    '  --url URL      HTTP mode: Slack posts to URL/slack/events (must be https)',
    '  --socket       Socket Mode: no public URL; run the bot with SLACK_APP_TOKEN',
    '  --format F     json (default) or yaml',
    '  --name NAME    the app and bot name (default factbot)',
  ].join('\n'),
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseOptions(args, {
      url: { type: 'string' },
      socket: { type: 'boolean' },
      format: { type: 'string' },
      name: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (!values.url && !values.socket) throw new UsageError('give --url https://HOST (HTTP mode) or --socket (Socket Mode)');
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'yaml') throw new UsageError(`--format must be json or yaml, not '${format}'`);
    // Loaded here, not at the top: `factbot --help` and the other subcommands need no chat code.
    const [{ commands }, { slackManifest }] = await Promise.all([
      import('../../commands/index.ts'),
      import('../adapters/slack/manifest.ts'),
    ]);
    let manifest;
    try {
      manifest = slackManifest({ commands, url: values.url, socket: values.socket, name: values.name });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    io.out(format === 'json' ? JSON.stringify(manifest, null, 2) : stringify(manifest));
    return 0;
  },
};
