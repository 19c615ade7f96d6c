import lcsw from './ca-bbs-lcsw.json' with { type: 'json' };
import lmft from './ca-bbs-lmft.json' with { type: 'json' };
import lpcc from './ca-bbs-lpcc.json' with { type: 'json' };
import generic from './generic.json' with { type: 'json' };
import txLpc from './tx-bhec-lpc.json' with { type: 'json' };
import { parsePack, type Pack } from './schema.js';

export * from './schema.js';

/**
 * The packs shipped with Hourkeep, imported statically (no file reads, so the renderer can use
 * them too) and validated when this module loads: a bad pack fails at start-up, naming the field.
 */
export const BUILT_IN_PACK_FILES = {
  'ca-bbs-lmft.json': lmft,
  'ca-bbs-lpcc.json': lpcc,
  'ca-bbs-lcsw.json': lcsw,
  'tx-bhec-lpc.json': txLpc,
  'generic.json': generic,
} as const satisfies Record<string, unknown>;

export const BUILT_IN_PACKS: readonly Pack[] = Object.freeze(
  Object.entries(BUILT_IN_PACK_FILES).map(([file, raw]) => parsePack(raw, file)),
);

export function findPack(id: string): Pack | undefined {
  return BUILT_IN_PACKS.find((p) => p.id === id);
}
