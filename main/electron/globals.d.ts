/** Replaced at bundle time by build/bundle.mjs with package.json's version. */
declare const __APP_VERSION__: string;
