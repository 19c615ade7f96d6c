import type { Knex } from 'knex';
import { hkdfSync } from 'node:crypto';

/**
 * The audit trail's HMAC keys. The chain is sealed under a key derived (HKDF) for the audit
 * alone from a random secret kept in the encrypted database, so replacing the data key never
 * touches it. Rows written before encryption were sealed with the data key of that time itself;
 * that key is kept as the legacy key, used up to `legacy_until`.
 */
export interface AuditKeyRing {
  /** The key for new rows and new redaction seals. */
  current: Buffer;
  /** The key of rows 1…legacyUntil, from before encryption; null when there are none. */
  legacy: Buffer | null;
  legacyUntil: number;
}

const deriveAuditKey = (secret: Buffer) =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'hourkeep audit hmac v2', 32));

export function makeAuditKeys(db: Knex) {
  let ring: AuditKeyRing | null = null;

  async function read(): Promise<AuditKeyRing> {
    const row = (await db('audit_keys').where({ id: 1 }).first()) as
      { secret: string; legacy_key: string | null; legacy_until: number } | undefined;
    if (!row) throw new Error('The audit keys are missing from the database.');
    return {
      current: deriveAuditKey(Buffer.from(row.secret, 'hex')),
      legacy: row.legacy_key ? Buffer.from(row.legacy_key, 'hex') : null,
      legacyUntil: Number(row.legacy_until),
    };
  }

  return {
    async load(): Promise<void> {
      ring = await read();
    },
    ring: (): AuditKeyRing | null => ring,
    /**
     * The first open after the conversion (or a restore of a backup from before encryption)
     * names the data key that sealed the rows before it.
     */
    async adoptLegacyKey(dataKey: Buffer): Promise<void> {
      const current = ring ?? (await read());
      if (current.legacyUntil === 0 || current.legacy) return;
      await db('audit_keys')
        .where({ id: 1 })
        .update({ legacy_key: dataKey.toString('hex') });
      ring = await read();
    },
    close(): void {
      ring?.current.fill(0);
      ring?.legacy?.fill(0);
      ring = null;
    },
  };
}

export type AuditKeys = ReturnType<typeof makeAuditKeys>;
