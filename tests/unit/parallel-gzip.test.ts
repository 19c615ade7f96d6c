import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MEMBER_BYTES, parallelGzip } from '../../main/platform/parallel-gzip.js';

/** A backup's compression: gzip members made several at once, written in order. */
describe('parallel gzip', () => {
  // Half random (incompressible: a member's output outgrows its first output buffer), half text.
  const input = Buffer.concat([
    randomBytes(MEMBER_BYTES + 12_345),
    Buffer.from('hour entry, 50 minutes, direct individual\n'.repeat(200_000)),
  ]);
  const pieces = (bytes: Buffer, size: number) =>
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    );
  const members = (gz: Buffer) => {
    let count = 0;
    for (let at = gz.indexOf(Buffer.from([0x1f, 0x8b, 8])); at >= 0;) {
      count++;
      at = gz.indexOf(Buffer.from([0x1f, 0x8b, 8]), at + 1);
    }
    return count;
  };

  it.each([
    ['one at a time', 1],
    ['three at a time', 3],
    ['one while a check runs, then three', 'changing'],
  ] as const)('gives back the input whole, %s', async (_, inFlight) => {
    let asked = 0;
    const limit = inFlight === 'changing' ? () => (asked++ < 2 ? 1 : 3) : inFlight;
    // Pieces of a member's size (a backup's reads) and odd ones that straddle members.
    for (const size of [MEMBER_BYTES, 1_000_003]) {
      const gz = await buffer(Readable.from(pieces(input, size)).pipe(parallelGzip(3, limit)));
      expect(gunzipSync(gz).equals(input)).toBe(true);
      expect(members(gz)).toBeGreaterThanOrEqual(Math.floor(input.length / MEMBER_BYTES));
    }
    if (inFlight === 'changing') expect(asked).toBeGreaterThan(2);
  });

  it('gives one empty member for empty input', async () => {
    const gz = await buffer(Readable.from([]).pipe(parallelGzip(3)));
    expect(gunzipSync(gz).length).toBe(0);
  });
});
