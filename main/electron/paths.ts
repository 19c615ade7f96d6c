import { join } from 'node:path';

// Both paths are relative to the bundled main script, dist/main/index.cjs (esbuild emits
// CommonJS, so __dirname is dist/main in development and inside app.asar when packaged).

/** The built renderer (Vite output), served over app://hourkeep/. */
export const rendererFolder = (): string => join(__dirname, '..', 'renderer');

/** The bundled, sandbox-compatible preload script. */
export const preloadScript = (): string => join(__dirname, '..', 'preload', 'index.cjs');
