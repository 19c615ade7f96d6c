import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Screenshots for a person to look at land in .tmp/screenshots/. */
const dir = fileURLToPath(new URL('../../.tmp/screenshots/', import.meta.url));
mkdirSync(dir, { recursive: true });
export const shot = (name: string) => ({ path: `${dir}${name}.png` });
