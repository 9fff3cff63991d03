// Discord's hard limits. A message or command that breaks one is rejected with HTTP 400, so the
// renderer and the command builder check every value against these names, never against bare numbers.

/** Source: https://discord.com/developers/docs/resources/message#create-message-jsonform-params */
export const MESSAGE_CONTENT_MAX = 2000;
/** Source: https://discord.com/developers/docs/resources/message#create-message-jsonform-params */
export const MESSAGE_EMBEDS_MAX = 10;

/** Source: https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FOOTER_TEXT_MAX = 2048;
/** Sum of title, description, field names and values, footer text and author name over ALL embeds of one message. */
export const MESSAGE_EMBEDS_TOTAL_MAX = 6000;

/** Source: https://discord.com/developers/docs/components/reference#action-row */
export const ACTION_ROW_BUTTONS_MAX = 5;
/** Source: https://discord.com/developers/docs/components/reference#action-row (legacy, non-v2 messages) */
export const MESSAGE_ACTION_ROWS_MAX = 5;
/** Source: https://discord.com/developers/docs/components/reference#anatomy-of-a-component-custom-id */
export const CUSTOM_ID_MAX = 100;
/** Source: https://discord.com/developers/docs/components/reference#button */
export const BUTTON_LABEL_MAX = 80;

/** Source: https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-naming */
export const COMMAND_NAME_MAX = 32;
/** Slash command names: lower case where the script has case, no spaces. Same source as above. */
export const CHAT_INPUT_COMMAND_NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
/** Source: https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-structure */
export const COMMAND_DESCRIPTION_MAX = 100;
export const COMMAND_OPTIONS_MAX = 25;
/** Source: https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-structure */
export const STRING_OPTION_LENGTH_MAX = 6000;


/**
 * Requests per second our REST client allows itself. @discordjs/rest defaults to Discord's global 50/s,
 * but interaction callbacks and webhook follow-ups are not subject to the global limit, and at 50/s a
 * busy bot queued its answers for seconds (measured with npm run bench:load). Per-route limits that
 * Discord announces in response headers are still honoured by the client.
 * Source: https://discord.com/developers/docs/topics/rate-limits#global-rate-limit
 */
export const REST_REQUESTS_PER_SECOND = 1000;
