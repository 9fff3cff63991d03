// Slack delivers a slash command's arguments as one free-text string; Discord delivers typed options.
// This turns Slack's text into the same typed options, so commands cannot tell the platforms apart.
//
// The rules (also shown to users in the manifest's usage hints):
// - the whole text is the command's main text option: `/quote Kozak publisher:reuters` → {query: "Kozak publisher:reuters"};
//   the quote query language keeps its own `word:value` filters, so only the command's OWN option names are read;
// - an option of the command may be given at the very start or end as `name:value`; a boolean also as `--name`:
//   `/quote --public Kozak`, `/quote Kozak public:true`, `/check public:no Kozak said X`;
// - anything else stays part of the text, so a query can mention "public:true" in its middle;
// - a command without a text option ignores the text.
import type { CommandDefinition, OptionDefinition, OptionValue } from '../../chat/model.ts';

export type ParsedText =
  | { ok: true; options: Record<string, OptionValue> }
  | { ok: false; message: string };

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

/**
 * Slack's markup in incoming text back to what the user sees: `&lt;` → `<` (Slack escapes `& < >` in slash
 * command text), `<@U123|bob>` → `@bob`, `<#C1|general>` → `#general`, `<!here>` → `@here`,
 * `<https://x|label>` → `label`. The result is plain text; renderers escape it again on the way out.
 */
export function plainFromSlack(text: string): string {
  const unlinked = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    // Slack writes some labels with their sigil (`<!subteam^S1|@editors>`), some without (`<@U1|bob>`).
    const named = (sigil: string, fallback: string) => `${sigil}${(label ?? fallback).replace(/^[@#]/, '')}`;
    if (target.startsWith('@')) return named('@', target.slice(1));
    if (target.startsWith('#')) return named('#', target.slice(1));
    if (target.startsWith('!')) return named('@', target.slice(1).split('^')[0] ?? '');
    return label ?? target;
  });
  return unlinked.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function readValue(option: OptionDefinition, raw: string): OptionValue | undefined {
  if (option.type === 'boolean') {
    const word = raw.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return undefined;
  }
  if (option.type === 'integer') {
    if (!/^-?\d+$/.test(raw)) return undefined;
    const value = Number(raw);
    if (option.min !== undefined && value < option.min) return undefined;
    if (option.max !== undefined && value > option.max) return undefined;
    return value;
  }
  return raw;
}

/** Reads one edge token as an option of the command, or returns null when it is ordinary text. */
function readOptionToken(
  token: string,
  options: ReadonlyMap<string, OptionDefinition>,
): { name: string; value: OptionValue } | null {
  const flag = /^--([a-z][a-z0-9_-]*)$/i.exec(token);
  if (flag) {
    const option = options.get((flag[1] as string).toLowerCase());
    return option?.type === 'boolean' ? { name: option.name, value: true } : null;
  }
  const pair = /^([a-z][a-z0-9_-]*)[:=](.+)$/i.exec(token);
  if (!pair) return null;
  const option = options.get((pair[1] as string).toLowerCase());
  if (!option) return null;
  const value = readValue(option, pair[2] as string);
  return value === undefined ? null : { name: option.name, value };
}

/** "Usage: /quote <query> [--public]", from the definition, for errors and the manifest. */
export function usageHint(definition: CommandDefinition<unknown>): string {
  const parts: string[] = [];
  if (definition.textOption) parts.push(`<${definition.textOption}>`);
  for (const option of definition.options) {
    if (option.name === definition.textOption) continue;
    parts.push(option.type === 'boolean' ? `[--${option.name}]` : `[${option.name}:<${option.type}>]`);
  }
  return parts.join(' ');
}

export function parseSlackText(definition: CommandDefinition<unknown>, rawText: string): ParsedText {
  const edgeOptions = new Map(
    definition.options.filter((o) => o.name !== definition.textOption).map((o) => [o.name.toLowerCase(), o]),
  );
  const tokens = plainFromSlack(rawText).trim().split(/\s+/).filter(Boolean);
  const options: Record<string, OptionValue> = {};

  // Peel recognised options off both ends; the middle is the main text, untouched.
  let start = 0;
  let end = tokens.length;
  for (;;) {
    const leading = start < end ? readOptionToken(tokens[start] as string, edgeOptions) : null;
    if (leading) {
      options[leading.name] = leading.value;
      start += 1;
      continue;
    }
    const trailing = start < end ? readOptionToken(tokens[end - 1] as string, edgeOptions) : null;
    if (trailing) {
      options[trailing.name] = trailing.value;
      end -= 1;
      continue;
    }
    break;
  }

  const text = tokens.slice(start, end).join(' ');
  const usage = `Usage: /${definition.name} ${usageHint(definition)}`.trimEnd();
  const textOption = definition.options.find((o) => o.name === definition.textOption);
  if (textOption) {
    if (text) {
      if (textOption.maxLength !== undefined && text.length > textOption.maxLength) {
        return { ok: false, message: `That ${textOption.name} is too long (${text.length} characters; at most ${textOption.maxLength}). ${usage}` };
      }
      options[textOption.name] = text;
    }
  }
  // A command without a text option ignores stray text (`/sources please`) rather than refusing it.

  for (const option of definition.options) {
    if (option.required && options[option.name] === undefined) {
      return { ok: false, message: `/${definition.name} needs a ${option.name}. ${usage}` };
    }
  }
  return { ok: true, options };
}
