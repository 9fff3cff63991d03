// Temporary corpus folders for tests: real files on disk, in the real format.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and its bundled corpus. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED_CORPUS = join(REPO_ROOT, 'corpus');

/** Creates a corpus folder holding `files` (path below the corpus folder → content). */
export async function tempCorpus(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'factbot-corpus-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** A valid corpus file; override any field, or pass null to leave a field out. */
export function articleText(fields: Record<string, string | boolean | null> = {}, body = 'Kozak secured a deal.'): string {
  const merged: Record<string, string | boolean | null> = {
    title: 'A test headline',
    publisher: 'Test Gazette',
    published: '2024-06-14',
    ...fields,
  };
  const lines = Object.entries(merged)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}: ${String(value)}`);
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}
