import { open, rm, stat } from 'node:fs/promises';

const CHUNK = 1024 * 1024;

/**
 * Overwrites a file with zeros, flushes it and removes it: the plain database of an installation
 * from before encryption, and the plain staging of a backup made before it. On an SSD or a
 * copy-on-write file system the old blocks may survive elsewhere, which is why Hourkeep never
 * writes a plain file in the first place except for these two cases (README, "Keys").
 */
export async function shred(path: string): Promise<void> {
  const size = await stat(path).then(
    (s) => s.size,
    () => -1,
  );
  if (size < 0) return;
  const handle = await open(path, 'r+');
  try {
    const zeros = Buffer.alloc(Math.min(CHUNK, Math.max(size, 1)));
    for (let at = 0; at < size; at += zeros.length) {
      await handle.write(zeros, 0, Math.min(zeros.length, size - at), at);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rm(path, { force: true });
}
