import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness } from './server.js';

/** `npm run harness [data-folder]`: serves the built renderer for manual checks and screenshots. */
const dataFolder = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'hourkeep-harness-'));
const harness = await startHarness({ dataFolder });
console.log(`Hourkeep harness on ${harness.url}\nData folder: ${dataFolder}`);
const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
