// What a Discord user would read in a message body: Markdown escapes and bold markers removed, so a
// test can look for a corpus sentence verbatim. Deliberately simpler than Discord's parser: it only
// undoes what escaping adds, so anything else (a stray mention, an unescaped link) stays visible.
import type { APIEmbed } from 'discord-api-types/v10';

export function unescapeMarkdown(markdown: string): string {
  return markdown.replace(/\*\*/g, '').replace(/\\([^\p{L}\p{N}\s])/gu, '$1').replace(/@\u200b/g, '@');
}

/** Title, description, fields and footer of every embed, plus content, as plain text. */
export function visibleText(body: unknown): string {
  const message = body as { content?: string; embeds?: APIEmbed[] };
  const parts = [message.content ?? ''];
  for (const embed of message.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text ?? '');
  }
  return unescapeMarkdown(parts.filter(Boolean).join('\n'));
}

/** The raw Markdown of every embed, for checks on what is escaped. */
export function rawMarkdown(body: unknown): string {
  const message = body as { content?: string; embeds?: APIEmbed[] };
  return [message.content ?? '', ...(message.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n');
}

/** custom_id of the button labelled `label`, if the message has one. */
export function buttonId(body: unknown, label: string): string | undefined {
  const rows = (body as { components?: Array<{ components: Array<{ label?: string; custom_id?: string }> }> }).components ?? [];
  return rows.flatMap((row) => row.components).find((button) => button.label === label)?.custom_id;
}
