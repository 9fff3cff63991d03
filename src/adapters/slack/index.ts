// The Slack adapter's public surface: the bot, its manifest, and the pieces other layers may reuse.
export { createSlackBot, SLACK_EVENTS_PATH, type SlackBot, type SlackBotOptions } from './app.ts';
export { slackManifest, type SlackManifestOptions } from './manifest.ts';
export { renderReply, type SlackMessage } from './render.ts';
export { parseSlackText, plainFromSlack } from './parse-text.ts';
export { escapeSlackText } from './escape.ts';
export { CHECK_MESSAGE_CALLBACK_ID } from './inbound.ts';
