// What ingestion removes from or recognises in a source, as data: one place to read, review and test.
//
// A rule looks at one paragraph (a line of plain text, a Markdown block, an HTML <p>), after runs of
// spaces, tabs and no-break spaces were collapsed to one space. Rules are tried IN ARRAY ORDER and the
// first 'drop…', 'meta', 'caption' or 'headline' rule that matches decides the paragraph; 'strip' and
// 'replace' rules edit the text and let the following rules look at what is left. So boilerplate is
// recognised on the raw paragraph (a "Related article: [x](#)" line is dropped before its link is
// unwrapped), and captions and subheadings are only recognised in text that survived every other rule.
// The first paragraph that survives the drop/meta rules of a plain-text source is the title and is
// never classified as a caption or subheading.
//
// Every rule's `example` is run through the cleaner in tests/corpus/clean-rules.test.ts.

/** Metadata a rule can read from its capture group 1. */
export type HintField = 'published' | 'author' | 'url' | 'site-name';

export type RuleAction =
  /** The paragraph is boilerplate. */
  | 'drop'
  /** The paragraph and everything after it: what follows a comment form is readers' comments. */
  | 'drop-rest'
  /** The paragraph, and the next one when it matches `following` (a label and its value). */
  | 'drop-and-following'
  /** Remove the matched text; the paragraph goes if nothing is left. */
  | 'strip'
  /** Rewrite inline markup with `replacement` (the pattern must be global). */
  | 'replace'
  /** The paragraph states metadata (capture group 1 → `captures`) and is not body text. */
  | 'meta'
  /** Kept as a photo caption: never presented as the outlet's own statement. */
  | 'caption'
  /** Kept as a subheading; only when another paragraph follows it. */
  | 'headline';

export interface CleanRule {
  name: string;
  pattern: RegExp;
  action: RuleAction;
  /** Which metadata capture group 1 states (of `following` for 'drop-and-following'). */
  captures?: HintField;
  following?: RegExp;
  replacement?: string;
  /** 'known-publisher': group 1 must name the publisher (given, or read from a reading-time widget). */
  onlyIf?: 'known-publisher';
  /** A paragraph the rule must handle; asserted in tests. */
  example: string;
  why: string;
}

const MONTH =
  'Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sep(?:t(?:ember|\\.)?|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?';
const DATE_TEXT = `(?:${MONTH}) \\d{1,2},? \\d{4}|\\d{1,2} (?:${MONTH}) \\d{4}|\\d{4}-\\d{2}-\\d{2}`;
const CLOCK = '(?:,? (?:at )?\\d{1,2}[:.]\\d{2}(?: ?[ap]\\.?m\\.?)?(?: [A-Z]{2,5})?)?';
// Words that stay lower-case in a title-case subheading.
const SMALL_WORDS = 'a|an|and|as|at|but|by|for|from|in|into|nor|of|on|or|over|per|the|to|up|via|vs\\.?|with';
// A credit at the end of a caption: agencies and photo services as they sign their pictures.
const PHOTO_AGENCY =
  'REUTERS|AFP|AP|EPA(?:-EFE)?|TASS|ANADOLU|Getty Images|AP Photo|Shutterstock|Bloomberg|Sputnik|Pool';

export const CLEAN_RULES: readonly CleanRule[] = [
  {
    name: 'published-ago',
    pattern: /^This (?:article )?was (?:first )?published \d+ \w+ ago$/i,
    action: 'drop',
    example: 'This was published 7 months ago',
    why: 'an archive banner of the website, relative to the day it was saved',
  },
  {
    name: 'reading-time',
    pattern: /^(?:(\S.{0,40}?) )?\d+ ?(?:min|mins|minutes?)\.? read$/i,
    action: 'drop',
    captures: 'site-name',
    example: 'RksNews 2 Min Read',
    why: 'a reading-time widget; a name before it is the site name, whose lone line is dropped too',
  },
  {
    name: 'publisher-name-line',
    pattern: /^(\S.{0,40})$/,
    action: 'drop',
    onlyIf: 'known-publisher',
    example: 'RksNews',
    why: 'the site name repeated on its own line by a page template',
  },
  {
    name: 'share-widget',
    pattern:
      /^(?:Send a link to a friend(?: Share)?|Share(?: this (?:article|story))?(?: on (?:Facebook|Twitter|X|WhatsApp|LinkedIn|Telegram))?|Tweet|Print|Email|Copy link)$/i,
    action: 'drop',
    example: 'Send a link to a friend\u00a0 Share',
    why: 'buttons of a sharing widget',
  },
  {
    name: 'back-to-top',
    pattern: /^(?:Back to top|Top of page|Scroll to top)$/i,
    action: 'drop',
    example: 'Back to top',
    why: 'page navigation',
  },
  {
    name: 'see-also',
    pattern: /^(?:See also|Read (?:more|also)|Also read|Watch|Recommended)\b:?\s+\S/i,
    action: 'drop',
    example: 'See also\u00a0 Maui wildfires: 36 dead as inferno engulfs hospitals, destroys homes and destroys cultural sites',
    why: 'a link to another, usually unrelated story, inserted between paragraphs',
  },
  {
    name: 'related-article',
    pattern: /^Related(?: articles?| stories| story| coverage| content| reading)?:/i,
    action: 'drop',
    example: 'Related article: [Losses Around Kharkiv Stymie Russia’s Offensive Capabilities, Analysts Say](#)',
    why: 'a link to another story',
  },
  {
    name: 'newsletter-prompt',
    pattern: /\bSign up (?:for|to)\b.*\bnewsletters?\b|^(?:Subscribe to|Get) (?:our|the)\b.*\bnewsletters?\b/i,
    action: 'drop',
    example:
      'Get a note directly from our foreign correspondents on what’s making headlines around the world. Sign up for the weekly What in the World newsletter here.',
    why: 'a newsletter advertisement',
  },
  {
    name: 'comment-form',
    pattern: /^(?:Leave a (?:Reply|Comment)|Post a comment|\d+ Comments?|Comments)$/i,
    action: 'drop-rest',
    example: 'Leave a Reply',
    why: 'a comment form: what follows it is the form and readers’ comments, never the article',
  },
  {
    name: 'comment-form-notice',
    pattern: /Your email address will not be published|Required fields are marked \*/i,
    action: 'drop',
    example: 'Your email address will not be published. Required fields are marked *',
    why: 'the instructions of a comment form',
  },
  {
    name: 'copyright-notice',
    pattern: /^\[?(?:©|\(c\)|Copyright\b)|All rights reserved\.?\]?$/i,
    action: 'drop',
    example: '[© 2023 Thomson Reuters. All rights reserved.]',
    why: 'a copyright notice of the page, not reporting',
  },
  {
    name: 'redistribution-notice',
    pattern: /may not be (?:published|reproduced), broadcast, rewritten,? or redistributed/i,
    action: 'drop',
    example:
      'This material may not be published, broadcast, rewritten or redistributed.\u00a0 Thompson Reuters is solely responsible for this content.',
    why: 'a syndication notice (copyright-notice catches it first when it starts with “Copyright”)',
  },
  {
    name: 'original-url',
    pattern: /^Original (?:url|link|source|article):?\s*<?(https?:\/\/[^\s>]+)?>?$/i,
    action: 'drop-and-following',
    following: /^<?(https?:\/\/[^\s>]+)>?$/,
    captures: 'url',
    example: 'Original url:\n\n<https://www.themoscowtimes.com/2022/09/14/putin-rejected-early-ukraine-peace-deal-to-pursue-expanded-annexation-goals-reuters-a78787>',
    why: 'where a copied article came from: the link is the article’s url, not text',
  },
  {
    name: 'date-line',
    pattern: new RegExp(`^(?:(?:Published|Posted|Updated)(?: on)?:? )?(${DATE_TEXT})${CLOCK}$`, 'i'),
    action: 'meta',
    captures: 'published',
    example: 'September 14, 2022',
    why: 'the publication date: metadata, not a sentence',
  },
  {
    name: 'byline',
    pattern: /^By:? ((?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|der|al|bin)(?: (?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|der|al|bin)){1,7})$/u,
    action: 'meta',
    captures: 'author',
    example: 'By Rob Harris',
    why: 'the author: metadata, not a sentence',
  },
  {
    name: 'bracketed-date-prefix',
    pattern: new RegExp(`^\\[(${DATE_TEXT})\\] ?`, 'i'),
    action: 'strip',
    captures: 'published',
    example: '[February 28, 2023]\u00a0 MOSCOW (Reuters) - The Kremlin on Tuesday repeated its position.',
    why: 'a date stamped before the first paragraph: metadata; the dateline after it is the article’s text',
  },
  {
    name: 'credit-line',
    pattern: /\s*\((?:Additional )?(?:Reporting|Writing|Editing|Compiled|Edited)\b[^()]*\bby\b[^()]*\)$/i,
    action: 'strip',
    example: '(Reporting by Reuters; Editing by Kevin Liffey)',
    why: 'staff credits of the agency, not reporting',
  },
  {
    name: 'markdown-image',
    pattern: /!\[[^\]\n]*\]\([^)\s]*(?: "[^"]*")?\)/g,
    action: 'replace',
    replacement: '',
    example: 'The crowd gathered. ![A crowd in the square](/img/crowd.jpg)',
    why: 'an image has no text to quote',
  },
  {
    name: 'markdown-link',
    pattern: /\[([^\]\n]+)\]\([^)\s]*(?: "[^"]*")?\)/g,
    action: 'replace',
    replacement: '$1',
    example: 'Reuters [reported](#) Wednesday, citing three unnamed sources.',
    why: 'link markup: the link text is the wording, the target is not',
  },
  {
    name: 'caption-domain-credit',
    pattern: /^.{20,}\s(?:[a-z0-9-]+\.)+[a-z]{2,6}$/,
    action: 'caption',
    example:
      'Putin at the Feb. 22 Security Council meeting where he laid out his intent to formally recognize the Donbas\' separatist republics as independent states. kremlin.ru',
    why: 'a photo caption credited to a website; sentences end in punctuation, credits do not',
  },
  {
    name: 'caption-agency-credit',
    pattern: new RegExp(`^(?!.*[.!?…"”’)]$).{20,}(?:\\b(?:${PHOTO_AGENCY})|/Pool via \\S+)(?:/[\\p{L} .-]+)?$`, 'u'),
    action: 'caption',
    example:
      'Kremlin spokesman Dmitry Peskov attends a news conference of Russian President Vladimir Putin after a meeting of the State Council on youth policy in Moscow, Russia, December 22, 2022. Sputnik/Valeriy Sharifulin/Pool via REUTERS',
    why: 'a photo caption signed by an agency; a sentence would end in punctuation',
  },
  {
    name: 'caption-photo-label',
    pattern: /^.{10,}\b(?:Photo(?:graph)?|Picture|Image|Credit)s?: ?\S[^.!?]{0,80}\.?$/,
    action: 'caption',
    example: 'Rescue workers search the rubble in Kharkiv on Monday. Photo: Sergey Bobok/AFP',
    why: 'a photo caption with a “Photo:” credit',
  },
  {
    name: 'subheading',
    pattern: new RegExp(
      `^(?=.{3,80}$)(?!.*[.!?,;:"”’)…]$)[\\p{Lu}\\d]\\S*(?: (?:[\\p{Lu}\\d“"‘'(]\\S*|${SMALL_WORDS})){1,11}$`,
      'u',
    ),
    action: 'headline',
    example: 'Russia Seeks Recognition of Occupied Territories',
    why: 'a short title-case line without terminal punctuation inside the body is a subheading, not a sentence',
  },
];
