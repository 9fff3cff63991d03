// A snapshot file: one JSON header plus named binary sections, so large arrays load as typed-array views
// on the file's bytes (no parsing, no copying) and texts as one UTF-8 decode.
//
//   "FACTBOT-SNAPSHOT\n"  u32 LE header length  header JSON  padding to 8  section bytes (each 8-aligned)
//
// Little-endian only (every platform Node runs on in practice); a big-endian reader rejects the file,
// which just means a rebuild.
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const MAGIC = Buffer.from('FACTBOT-SNAPSHOT\n', 'latin1');

export type SectionArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;
const ARRAY_TYPES = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f64: Float64Array } as const;
type ArrayTypeName = keyof typeof ARRAY_TYPES;

/** What a snapshot holds: JSON-able metadata, typed arrays and long strings, each by name. */
export interface SnapshotParts {
  json: unknown;
  arrays: Record<string, SectionArray>;
  texts: Record<string, string>;
}

interface SectionEntry {
  name: string;
  type: ArrayTypeName | 'utf8';
  offset: number;
  bytes: number;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

function typeName(array: SectionArray): ArrayTypeName {
  if (array instanceof Uint8Array) return 'u8';
  if (array instanceof Uint16Array) return 'u16';
  if (array instanceof Uint32Array) return 'u32';
  return 'f64';
}

/** Encodes parts as the chunks of one file. */
export function encodeSnapshot(parts: SnapshotParts): Buffer[] {
  const payloads: Array<{ name: string; type: SectionEntry['type']; data: Buffer }> = [];
  for (const [name, array] of Object.entries(parts.arrays)) {
    payloads.push({ name, type: typeName(array), data: Buffer.from(array.buffer, array.byteOffset, array.byteLength) });
  }
  for (const [name, text] of Object.entries(parts.texts)) payloads.push({ name, type: 'utf8', data: Buffer.from(text, 'utf8') });
  let offset = 0;
  const sections: SectionEntry[] = payloads.map((p) => {
    const entry = { name: p.name, type: p.type, offset, bytes: p.data.byteLength };
    offset = align8(offset + p.data.byteLength);
    return entry;
  });
  const header = Buffer.from(JSON.stringify({ sections, json: parts.json }), 'utf8');
  const lengthField = Buffer.alloc(4);
  lengthField.writeUInt32LE(header.byteLength);
  const prefix = MAGIC.byteLength + 4 + header.byteLength;
  const chunks: Buffer[] = [MAGIC, lengthField, header, Buffer.alloc(align8(prefix) - prefix)];
  payloads.forEach((p, i) => {
    chunks.push(p.data);
    const end = sections[i]!.offset + p.data.byteLength;
    const next = i + 1 < sections.length ? sections[i + 1]!.offset : align8(end);
    chunks.push(Buffer.alloc(next - end));
  });
  return chunks;
}

/** Decodes a snapshot file's bytes; throws on anything that is not an intact snapshot. */
export function decodeSnapshot(file: Buffer): SnapshotParts {
  if (file.byteLength < MAGIC.byteLength + 4 || !file.subarray(0, MAGIC.byteLength).equals(MAGIC)) throw new Error('not a snapshot file');
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('snapshots are little-endian');
  const headerLength = file.readUInt32LE(MAGIC.byteLength);
  const headerEnd = MAGIC.byteLength + 4 + headerLength;
  const header = JSON.parse(file.toString('utf8', MAGIC.byteLength + 4, headerEnd)) as { sections: SectionEntry[]; json: unknown };
  // Typed-array views need aligned addresses: copy only if Node handed us an unaligned buffer.
  const base = align8(headerEnd);
  const bytes = (file.byteOffset + base) % 8 === 0 ? file : alignedCopy(file);
  const parts: SnapshotParts = { json: header.json, arrays: {}, texts: {} };
  for (const s of header.sections) {
    const start = base + s.offset;
    if (start + s.bytes > bytes.byteLength) throw new Error(`snapshot section '${s.name}' is truncated`);
    if (s.type === 'utf8') {
      parts.texts[s.name] = bytes.toString('utf8', start, start + s.bytes);
    } else {
      const Type = ARRAY_TYPES[s.type];
      parts.arrays[s.name] = new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + start, s.bytes / Type.BYTES_PER_ELEMENT);
    }
  }
  return parts;
}

function alignedCopy(file: Buffer): Buffer {
  const copy = new Uint8Array(new ArrayBuffer(file.byteLength));
  copy.set(file);
  return Buffer.from(copy.buffer, 0, copy.byteLength);
}

/** Reads a snapshot; null when the file is missing or unreadable as a snapshot (a rebuild follows). */
export function readSnapshotFile(path: string): SnapshotParts | null {
  try {
    return decodeSnapshot(readFileSync(path));
  } catch {
    return null;
  }
}

/** Writes atomically (temp file + rename), so a reader never sees half a snapshot. */
export async function writeSnapshotFile(path: string, parts: SnapshotParts): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, encodeSnapshot(parts));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
