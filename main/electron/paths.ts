import { join } from 'node:path';

// Both paths are relative to the bundled main script, dist/main/index.cjs (esbuild emits
// CommonJS, so __dirname is dist/main in development and inside app.asar when packaged).

/** The built renderer (Vite output), served over app://hourkeep/. */
export const rendererFolder = (): string => join(__dirname, '..', 'renderer');

/** The bundled, sandbox-compatible preload script. */
export const preloadScript = (): string => join(__dirname, '..', 'preload', 'index.cjs');

/**
 * Worker-thread scripts (main/workers), built beside the main bundle. They stay inside
 * app.asar, under its integrity check: Electron reads asar in worker threads since 17
 * (electron/electron#33216).
 */
export const workersFolder = (): string => join(__dirname, 'workers');
