// Spelling variants readers use interchangeably (Kyiv/Kiev). Loaded from `corpus/aliases.yaml`:
//
//   groups:
//     - [Kyiv, Kiev]
//     - [Zaporizhzhia, Zaporozhye, Zaporizhia]
//
// The first spelling of a group is its canonical form. Matching is case-insensitive.
import { readFile } from 'node:fs/promises';
import { isMap, isSeq, isScalar, LineCounter, parseDocument } from 'yaml';
import type { CorpusProblem } from './types.ts';

export const ALIASES_FILE = 'aliases.yaml';

export interface AliasTable {
  groups: readonly (readonly string[])[];
  /** The canonical spelling (lower-case) of a lower-case word, or undefined when it has no variants. */
  canonical(word: string): string | undefined;
  /** Every spelling (lower-case) in the word's group, or just the word. */
  variants(word: string): readonly string[];
}

export function aliasTable(groups: readonly (readonly string[])[]): AliasTable {
  const groupOf = new Map<string, readonly string[]>();
  for (const group of groups) {
    const lower = group.map((w) => w.toLowerCase());
    for (const word of lower) groupOf.set(word, lower);
  }
  return {
    groups,
    canonical: (word) => groupOf.get(word)?.[0],
    variants: (word) => groupOf.get(word) ?? [word],
  };
}

export const EMPTY_ALIASES = aliasTable([]);

/** Parses the YAML text; `path` is used only in problems. A group with one member, or a word in two groups, is an error. */
export function parseAliases(path: string, source: string): { table: AliasTable; problems: CorpusProblem[] } {
  const problems: CorpusProblem[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : counter.linePos(offset).line);
  for (const error of doc.errors) problems.push({ path, line: lineAt(error.pos[0]), message: `broken YAML: ${error.message.split('\n')[0]}` });
  if (doc.errors.length > 0) return { table: EMPTY_ALIASES, problems };
  const root = doc.contents;
  const groupsNode = isMap(root) ? root.get('groups', true) : undefined;
  if (!isSeq(groupsNode)) {
    problems.push({ path, line: 1, message: "expected a 'groups:' list of spelling groups, e.g. - [Kyiv, Kiev]" });
    return { table: EMPTY_ALIASES, problems };
  }
  const groups: string[][] = [];
  const firstSeen = new Map<string, { line: number; group: string }>();
  for (const node of groupsNode.items) {
    const line = lineAt((node as { range?: [number, number, number] }).range?.[0]);
    if (!isSeq(node) || !node.items.every((item) => isScalar(item) && typeof item.value === 'string' && item.value.trim())) {
      problems.push({ path, line, message: 'a group must be a list of words, e.g. [Kyiv, Kiev]' });
      continue;
    }
    const words = node.items.map((item) => String((item as { value: unknown }).value).trim());
    const label = `[${words.join(', ')}]`;
    if (new Set(words.map((w) => w.toLowerCase())).size < 2) {
      problems.push({ path, line, message: `group ${label} has only one distinct spelling: a group needs at least two` });
      continue;
    }
    let clash = false;
    for (const word of words) {
      const earlier = firstSeen.get(word.toLowerCase());
      if (earlier && earlier.group !== label) {
        problems.push({ path, line, message: `'${word}' is in two groups: ${earlier.group} (line ${earlier.line}) and ${label}` });
        clash = true;
      }
    }
    if (clash) continue;
    for (const word of words) firstSeen.set(word.toLowerCase(), { line, group: label });
    groups.push(words);
  }
  return { table: aliasTable(groups), problems };
}

/** Loads `<corpusDir>/aliases.yaml`; a missing file means no aliases. */
export async function loadAliases(corpusDir: string): Promise<{ table: AliasTable; problems: CorpusProblem[] }> {
  let source: string;
  try {
    source = await readFile(`${corpusDir}/${ALIASES_FILE}`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { table: EMPTY_ALIASES, problems: [] };
    throw error;
  }
  return parseAliases(ALIASES_FILE, source);
}
