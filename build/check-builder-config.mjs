// Validates electron-builder.yml offline, the way `electron-builder` itself loads it (YAML,
// package.json metadata, extends) and against app-builder-lib's scheme.json, without
// downloading Electron. Also checks the files the config points at exist.
//   node build/check-builder-config.mjs    (npm run check:builder; npm run security runs it too)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');

const configFile = join(root, 'electron-builder.yml');
let config;
try {
  config = await getConfig(root, configFile, null);
  await validateConfiguration(config, new DebugLogger(false));
} catch (err) {
  console.error(`electron-builder.yml is not valid:\n${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

const problems = [];
for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
  if (file && !existsSync(join(root, file))) problems.push(`missing ${file}`);
  else if (file && !readFileSync(join(root, file), 'utf8').includes('<plist'))
    problems.push(`${file} is not a plist`);
}
if (config.npmRebuild !== false) problems.push('npmRebuild must be false (see MACHINE.md)');
if (config.electronFuses?.runAsNode !== false)
  problems.push('electronFuses.runAsNode must be false');

if (problems.length) {
  console.error(`electron-builder.yml:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `electron-builder.yml: valid for electron-builder ${require('app-builder-lib/package.json').version} ` +
    `(${config.appId}, fuses: ${Object.keys(config.electronFuses ?? {}).length})`,
);
