import { MISSING_BINARY, electronBinary } from './electron-binary.js';

/** The list reporter shows skipped specs without their reason; say it once, up front. */
export default function globalSetup(): void {
  if (!electronBinary()) console.log(`Electron specs skipped: ${MISSING_BINARY}`);
}
