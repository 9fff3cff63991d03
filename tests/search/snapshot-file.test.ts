import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, readSnapshotFile, writeSnapshotFile, type SnapshotParts } from '../../src/search/snapshot-file.ts';

const parts: SnapshotParts = {
  json: { hello: 'wörld', n: [1, 2, 3] },
  arrays: {
    bytes: Uint8Array.from([1, 2, 3]),
    shorts: Uint16Array.from([65535, 7]),
    ints: Uint32Array.from([4_000_000_000, 0, 42]),
    floats: Float64Array.from([Math.PI]),
  },
  texts: { a: 'Kozak’s “deal” — Zaporižžia 🇺🇦', empty: '' },
};

describe('snapshot files', () => {
  it('round-trips JSON, typed arrays and texts', () => {
    const decoded = decodeSnapshot(Buffer.concat(encodeSnapshot(parts)));
    expect(decoded).toEqual(parts);
  });

  it('decodes from a buffer at an unaligned offset', () => {
    const bytes = Buffer.concat(encodeSnapshot(parts));
    const shifted = Buffer.alloc(bytes.length + 3);
    bytes.copy(shifted, 3);
    expect(decodeSnapshot(shifted.subarray(3))).toEqual(parts);
  });

  it('rejects truncated or foreign files', () => {
    const bytes = Buffer.concat(encodeSnapshot(parts));
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 20))).toThrow(/truncated/);
    expect(() => decodeSnapshot(Buffer.from('hello world'))).toThrow(/not a snapshot/);
  });

  it('writes atomically and reads back; a missing file reads as null', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-snap-'));
    await writeSnapshotFile(join(dir, 'sub', 'x.snapshot'), parts);
    expect(readSnapshotFile(join(dir, 'sub', 'x.snapshot'))).toEqual(parts);
    expect(readSnapshotFile(join(dir, 'missing.snapshot'))).toBeNull();
  });
});
