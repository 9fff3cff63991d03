// Slack's platform limits, one constant each, with where they are documented. The renderer keeps every
// message inside them (splitting or truncating, never sending something Slack would reject).

/** https://docs.slack.dev/reference/block-kit/blocks — "You can include up to 50 blocks in each message". */
export const MAX_BLOCKS_PER_MESSAGE = 50;

/** https://docs.slack.dev/reference/block-kit/blocks/section-block — `text`: max 3000 characters. */
export const MAX_SECTION_TEXT = 3000;

/** https://docs.slack.dev/reference/block-kit/blocks/section-block — `fields`: max 10 items. */
export const MAX_SECTION_FIELDS = 10;

/** https://docs.slack.dev/reference/block-kit/blocks/section-block — each field's text: max 2000 characters. */
export const MAX_SECTION_FIELD_TEXT = 2000;

/** https://docs.slack.dev/reference/block-kit/blocks/header-block — `text`: max 150 characters. */
export const MAX_HEADER_TEXT = 150;

/** https://docs.slack.dev/reference/block-kit/block-elements/button-element — `text`: max 75 characters. */
export const MAX_BUTTON_TEXT = 75;

/** https://docs.slack.dev/reference/block-kit/block-elements/button-element — `action_id`: max 255 characters. */
export const MAX_ACTION_ID = 255;

/** https://docs.slack.dev/reference/block-kit/block-elements/button-element — `value`: max 2000 characters. */
export const MAX_BUTTON_VALUE = 2000;

/** https://docs.slack.dev/reference/block-kit/blocks/actions-block — `elements`: max 25. */
export const MAX_ACTIONS_ELEMENTS = 25;

/** https://docs.slack.dev/reference/block-kit/blocks/context-block — `elements`: max 10. */
export const MAX_CONTEXT_ELEMENTS = 10;

/** https://docs.slack.dev/reference/block-kit/composition-objects/text-object — `text`: max 3000 characters. */
export const MAX_TEXT_OBJECT = 3000;

/**
 * Not a documented number: chat.postMessage fails with `msg_blocks_too_long` once the text across a message's
 * blocks passes roughly 12-13k characters (https://docs.slack.dev/reference/methods/chat.postMessage — errors).
 * We stay at or under 12 000 characters of block text.
 */
export const MAX_BLOCK_TEXT_TOTAL = 12_000;

/**
 * https://docs.slack.dev/reference/methods/chat.postMessage — top-level `text` is truncated past 40 000
 * characters; with blocks it is only the notification fallback, so we keep it far shorter.
 */
export const MAX_FALLBACK_TEXT = 3000;

/**
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses — a `response_url`
 * "can be used up to 5 times within 30 minutes".
 */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

/** https://docs.slack.dev/interactivity/implementing-slash-commands — acknowledge within 3000 ms. */
export const ACK_DEADLINE_MS = 3000;

/** https://docs.slack.dev/authentication/verifying-requests-from-slack — requests older than 5 minutes are refused. */
export const SIGNATURE_MAX_AGE_SECONDS = 5 * 60;
