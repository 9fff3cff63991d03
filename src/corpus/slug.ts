// Article ids: `<published>-<publisher-slug>-<title-slug>`, readable in a file listing and in citations.

/** Lower-case ASCII words joined by '-'; accents are folded ("Zaporizhzhia", "Zürich" → "zurich"). */
export function slugify(text: string, maxWords = Number.POSITIVE_INFINITY): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // "won't" is one word: "wont", not "won-t".
    .replace(/['’‘ʼ`]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0)
    .slice(0, maxWords)
    .join('-');
}

/** "The Moscow Times" → "moscow-times": the article is cited by the outlet's name, not its article. */
export function publisherSlug(publisher: string): string {
  return slugify(publisher.replace(/^\s*the\s+/i, ''));
}

export const TITLE_SLUG_WORDS = 6;

export function defaultArticleId(meta: { published: string; publisher: string; title: string }): string {
  const parts = [meta.published, publisherSlug(meta.publisher), slugify(meta.title, TITLE_SLUG_WORDS)];
  // A title in another script has no ASCII words; the date and outlet still make a usable id.
  return parts.filter((part) => part.length > 0).join('-') || 'article';
}

/** Ids become file names: one path segment, no leading dot. */
export function isValidArticleId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$/.test(id) && !id.endsWith('.md');
}
