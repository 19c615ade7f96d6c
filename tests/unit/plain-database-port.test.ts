import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The bench opens a plain copy of a practice through CoreOptions.benchPlainDatabase. The app
 * must never: outside the bench, only the core that declares the option may name it.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.(ts|tsx|mjs|js)$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

describe("the plain-database port is the bench's alone", () => {
  it("is named only by main/core.ts among the app's sources", () => {
    const naming = ['main', 'preload', 'renderer/src']
      .flatMap((d) => sources(join(root, d)))
      .filter((f) => readFileSync(f, 'utf8').includes('benchPlainDatabase'))
      .map((f) => relative(root, f));
    expect(naming).toEqual(['main/core.ts']);
  });
});
