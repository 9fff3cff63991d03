// A snapshot file: one JSON header plus named binary sections, so large arrays load as typed arrays
// (read straight into their own memory, nothing parsed) and texts as one UTF-8 decode each.
//
//   "FACTBOT-SNAPSHOT\n"  u32 LE header length  header JSON  padding to 8  section bytes (each 8-aligned)
//
// Little-endian only (every platform Node runs on in practice); a big-endian reader rejects the file,
// which just means a rebuild.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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

interface Header {
  sections: SectionEntry[];
  json: unknown;
  /** File offset of the first section. */
  base: number;
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
  for (const p of payloads) chunks.push(p.data, Buffer.alloc(align8(p.data.byteLength) - p.data.byteLength));
  return chunks;
}

/** The header, from the file's first bytes (`prefix` must hold at least the whole header). */
function parseHeader(prefix: Buffer, fileLength: number): Header {
  if (prefix.byteLength < MAGIC.byteLength + 4 || !prefix.subarray(0, MAGIC.byteLength).equals(MAGIC)) throw new Error('not a snapshot file');
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('snapshots are little-endian');
  const headerEnd = MAGIC.byteLength + 4 + prefix.readUInt32LE(MAGIC.byteLength);
  if (headerEnd > prefix.byteLength) throw new Error('snapshot header is truncated');
  const header = JSON.parse(prefix.toString('utf8', MAGIC.byteLength + 4, headerEnd)) as Omit<Header, 'base'>;
  const base = align8(headerEnd);
  for (const s of header.sections) if (base + s.offset + s.bytes > fileLength) throw new Error(`snapshot section '${s.name}' is truncated`);
  return { ...header, base };
}

/** Reads each section with `read(into, filePosition)`: arrays into their own aligned memory, texts decoded. */
function decodeSections(header: Header, read: (into: Uint8Array, position: number) => void): SnapshotParts {
  const parts: SnapshotParts = { json: header.json, arrays: {}, texts: {} };
  for (const s of header.sections) {
    const position = header.base + s.offset;
    if (s.type === 'utf8') {
      const bytes = Buffer.allocUnsafe(s.bytes);
      read(bytes, position);
      parts.texts[s.name] = bytes.toString('utf8');
    } else {
      const memory = new ArrayBuffer(s.bytes);
      read(new Uint8Array(memory), position);
      parts.arrays[s.name] = new ARRAY_TYPES[s.type](memory);
    }
  }
  return parts;
}

/** Decodes a whole snapshot file held in memory; throws on anything that is not an intact snapshot. */
export function decodeSnapshot(file: Buffer): SnapshotParts {
  const header = parseHeader(file, file.byteLength);
  return decodeSections(header, (into, position) => into.set(file.subarray(position, position + into.byteLength)));
}

/**
 * Reads a snapshot section by section straight into the memory each part keeps (the file is never
 * held twice); null when the file is missing or not an intact snapshot (a rebuild follows).
 */
export function readSnapshotFile(path: string): SnapshotParts | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const read = (into: Uint8Array, position: number) => {
      for (let done = 0; done < into.byteLength; ) {
        const n = readSync(fd, into, done, into.byteLength - done, position + done);
        if (n === 0) throw new Error('snapshot file is truncated');
        done += n;
      }
    };
    const start = Buffer.alloc(MAGIC.byteLength + 4);
    read(start, 0);
    if (!start.subarray(0, MAGIC.byteLength).equals(MAGIC)) return null;
    const prefix = Buffer.alloc(MAGIC.byteLength + 4 + start.readUInt32LE(MAGIC.byteLength));
    read(prefix, 0);
    return decodeSections(parseHeader(prefix, fstatSync(fd).size), read);
  } catch {
    return null;
  } finally {
    closeSync(fd);
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
