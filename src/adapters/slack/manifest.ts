// The Slack app manifest, generated from the same command definitions the bot registers, so the slash
// commands Slack shows can never drift from the ones we answer. Paste it at api.slack.com/apps → "From a
// manifest". Shape: https://docs.slack.dev/reference/app-manifest (typed by @slack/web-api's Manifest).
import type { webApi } from '@slack/bolt';
import type { CommandDefinition } from '../../chat/model.ts';
import { SLACK_EVENTS_PATH } from './app.ts';
import { CHECK_MESSAGE_CALLBACK_ID } from './inbound.ts';
import { usageHint } from './parse-text.ts';

export type SlackManifest = webApi.AppsManifestCreateArguments['manifest'];

export interface SlackManifestOptions {
  commands: readonly CommandDefinition<unknown>[];
  /** HTTP mode: the public https base URL; request URLs are `${url}/slack/events`. */
  url?: string;
  /** Socket Mode: no request URLs; Slack delivers over the app's WebSocket. */
  socket?: boolean;
  /** Display name; default "factbot". */
  name?: string;
}

/**
 * What the bot needs and no more: `commands` (slash commands and the shortcut), `chat:write` (answers),
 * `chat:write.public` (Post to channel in public channels the bot was not invited to), `users:read`
 * (the display name in "Shared by …").
 */
export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'users:read'] as const;

export const CHECK_MESSAGE_SHORTCUT_NAME = 'Check this message';

/** The request URL for a base URL; Slack accepts only https request URLs. */
export function slackRequestUrl(base: string): string {
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new RangeError(`not a URL: ${base}`);
  }
  if (parsed.protocol !== 'https:') throw new RangeError(`Slack needs an https URL, not ${parsed.protocol}//…`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}`;
}

export function slackManifest(options: SlackManifestOptions): SlackManifest {
  const socket = options.socket === true;
  if (!socket && !options.url) throw new RangeError('an HTTP-mode manifest needs the public URL (or use Socket Mode)');
  const requestUrl = socket || !options.url ? undefined : slackRequestUrl(options.url);
  const name = options.name ?? 'factbot';
  const checkAvailable = options.commands.some((command) => command.name === 'check' && command.textOption);

  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Verbatim quotes from the news, with publisher, date and link; checks claims against sources.',
    },
    features: {
      bot_user: { display_name: name.toLowerCase().replace(/[^a-z0-9._-]/g, '-'), always_online: true },
      slash_commands: options.commands.map((command) => {
        const hint = usageHint(command);
        return {
          command: `/${command.name}`,
          description: command.description,
          ...(hint ? { usage_hint: hint } : {}),
          // Escaping would turn typed names into <@U…> ids: a query wants the words the user typed.
          should_escape: false,
          ...(requestUrl ? { url: requestUrl } : {}),
        };
      }),
      ...(checkAvailable
        ? {
            shortcuts: [
              {
                name: CHECK_MESSAGE_SHORTCUT_NAME,
                type: 'message' as const,
                callback_id: CHECK_MESSAGE_CALLBACK_ID,
                description: 'What the news corpus says about the claim in this message',
              },
            ],
          }
        : {}),
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      interactivity: { is_enabled: true, ...(requestUrl ? { request_url: requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: socket,
      token_rotation_enabled: false,
    },
  };
}
