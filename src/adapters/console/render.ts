// A Reply as terminal text. Colour (ANSI) only when asked for: the caller decides from isTTY and NO_COLOR,
// so piped output stays plain and greppable.
import { labelledCitationLine } from '../../chat/format.ts';
import type { Reply, ReplyBlock } from '../../chat/model.ts';

export interface TerminalStyle {
  color: boolean;
}

const ANSI = {
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  reset: '\u001b[0m',
} as const;

// Corpus text and user input could carry escape sequences that move the cursor or retitle the
// terminal; only tab and newline survive.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/** The hint shown under an answer that has another page. */
export const MORE_HINT = 'Press Enter for more.';

function paint(text: string, codes: string, style: TerminalStyle): string {
  return style.color ? `${codes}${text}${ANSI.reset}` : text;
}

/** The sentence with its highlighted words in bold yellow; unchanged text without colour. */
function highlighted(text: string, highlights: ReadonlyArray<[number, number]>, style: TerminalStyle): string {
  if (!style.color || highlights.length === 0) return stripControlCharacters(text);
  const ranges = [...highlights]
    .filter(([start, end]) => start < end && start >= 0 && end <= text.length)
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue; // overlapping range: the earlier one already covers it
    out += stripControlCharacters(text.slice(at, start));
    out += paint(stripControlCharacters(text.slice(start, end)), ANSI.bold + ANSI.yellow, style);
    at = end;
  }
  return out + stripControlCharacters(text.slice(at));
}

function renderBlock(block: ReplyBlock, style: TerminalStyle): string | null {
  switch (block.type) {
    case 'header':
      return paint(stripControlCharacters(block.text), ANSI.bold, style);
    case 'text':
      return stripControlCharacters(block.text);
    case 'quote': {
      const citation = stripControlCharacters(labelledCitationLine(block.citation));
      // A bar rather than added quotation marks: the sentence often holds quotation marks of its own,
      // and the reader must see exactly what was published.
      const lines = [`  │ ${highlighted(block.text, block.highlights, style)}`, `    — ${paint(citation, ANSI.cyan, style)}`];
      if (block.citation.url) lines.push(`      ${paint(stripControlCharacters(block.citation.url), ANSI.dim, style)}`);
      return lines.join('\n');
    }
    case 'fields': {
      const width = Math.max(...block.fields.map((f) => f.label.length));
      return block.fields
        .map((f) => `  ${paint(stripControlCharacters(f.label).padEnd(width), ANSI.bold, style)}  ${stripControlCharacters(f.value)}`)
        .join('\n');
    }
    case 'context':
      return paint(stripControlCharacters(block.text), ANSI.dim, style);
    case 'actions':
      // The console has no buttons; More becomes the Enter key and there is no channel to post to.
      return block.actions.some((a) => a.action === 'more') ? paint(MORE_HINT, ANSI.dim, style) : null;
  }
}

/** The reply as lines for a terminal, blocks separated by blank lines, ending in a newline. */
export function renderForTerminal(reply: Reply, style: TerminalStyle): string {
  const parts = reply.blocks.map((block) => renderBlock(block, style)).filter((part): part is string => part !== null);
  return `${parts.join('\n\n')}\n`;
}

/** Colour when writing to a terminal and NO_COLOR (https://no-color.org) is unset or empty. */
export function shouldUseColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}
