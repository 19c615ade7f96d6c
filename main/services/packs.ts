import type { Q } from '../db/query.js';
import { AppError, notFound, validationError, type FieldErrors } from '../../shared/errors.js';
import {
  BUILT_IN_PACKS,
  findPack,
  packSchema,
  type Pack,
} from '../../shared/domain/packs/index.js';
import type { PackDetail, PackSummary } from '../../shared/domain/progress-view.js';
import type { CorePorts } from './ports.js';

interface StoredPack {
  pack: Pack;
  builtIn: boolean;
  basedOn: string | null;
}

/**
 * Field errors keyed by the pack's JSON path under `pack` (`pack.requirements.2.minutes`), the
 * same dotted form dispatch uses for input errors, so the editor can list each one.
 */
function packProblems(raw: unknown): { pack: Pack } | { fields: FieldErrors } {
  const parsed = packSchema.safeParse(raw);
  if (parsed.success) return { pack: parsed.data };
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = ['pack', ...issue.path.map(String)].join('.');
    fields[path] ??= issue.message;
  }
  return { fields };
}

const summaryOf = (s: StoredPack, workerIds: number[]): PackSummary => ({
  id: s.pack.id,
  name: s.pack.name,
  jurisdiction: s.pack.jurisdiction,
  license: s.pack.license,
  versionDate: s.pack.versionDate,
  builtIn: s.builtIn,
  basedOn: s.basedOn,
  sourceCount: s.pack.sources.length,
  requirementCount: s.pack.requirements.length,
  workerIds,
});

/**
 * Requirement packs: the built-in ones (code) and the practice's own copies (custom_packs). A
 * custom pack is stored only once it passes the same schema the built-in packs pass, and its id
 * never shadows a built-in one, so a worker's pack id always means one pack.
 */
export function makePacksService({ db, clock, audit }: CorePorts) {
  async function customPacks(q: Q): Promise<StoredPack[]> {
    const rows = (await q('custom_packs').orderBy('id')) as {
      pack_json: string;
      based_on: string | null;
    }[];
    // Stored packs passed the schema when saved; parse again so a schema change shows up here.
    return rows.map((r) => ({
      pack: packSchema.parse(JSON.parse(r.pack_json)),
      builtIn: false,
      basedOn: r.based_on,
    }));
  }

  async function find(q: Q, id: string): Promise<StoredPack | null> {
    const builtIn = findPack(id);
    if (builtIn) return { pack: builtIn, builtIn: true, basedOn: null };
    const row = (await q('custom_packs').where({ id }).first()) as
      { pack_json: string; based_on: string | null } | undefined;
    if (!row) return null;
    return {
      pack: packSchema.parse(JSON.parse(row.pack_json)),
      builtIn: false,
      basedOn: row.based_on,
    };
  }

  async function workersByPack(q: Q): Promise<Map<string, number[]>> {
    const rows = (await q('workers').whereNotNull('pack_id').orderBy('id')) as {
      id: number;
      pack_id: string;
    }[];
    const map = new Map<string, number[]>();
    for (const r of rows) map.set(r.pack_id, [...(map.get(r.pack_id) ?? []), Number(r.id)]);
    return map;
  }

  const visible = (ids: number[], allowed: number[] | 'all') =>
    allowed === 'all' ? ids : ids.filter((id) => allowed.includes(id));

  async function detail(q: Q, id: string, allowed: number[] | 'all'): Promise<PackDetail> {
    const stored = await find(q, id);
    if (!stored) throw notFound('Requirement pack');
    const users = (await workersByPack(q)).get(id) ?? [];
    return { ...summaryOf(stored, visible(users, allowed)), pack: stored.pack };
  }

  function validated(raw: unknown): Pack {
    const checked = packProblems(raw);
    if ('fields' in checked) {
      const count = Object.keys(checked.fields).length;
      throw validationError(
        checked.fields,
        `The pack has ${count} problem${count === 1 ? '' : 's'}; each is listed by its field.`,
      );
    }
    return checked.pack;
  }

  return {
    /** A worker's pack by id, built-in or custom; null when the id names no pack. */
    resolve: async (id: string): Promise<Pack | null> => (await find(db, id))?.pack ?? null,
    summary: async (id: string): Promise<PackSummary | null> => {
      const stored = await find(db, id);
      return stored ? summaryOf(stored, []) : null;
    },

    async list(allowed: number[] | 'all'): Promise<PackSummary[]> {
      const users = await workersByPack(db);
      const all: StoredPack[] = [
        ...BUILT_IN_PACKS.map((pack) => ({ pack, builtIn: true, basedOn: null })),
        ...(await customPacks(db)),
      ];
      return all.map((s) => summaryOf(s, visible(users.get(s.pack.id) ?? [], allowed)));
    },

    get: (id: string, allowed: number[] | 'all') => detail(db, id, allowed),

    async create(raw: unknown, basedOn: string | null): Promise<PackDetail> {
      const pack = validated(raw);
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        if (findPack(pack.id))
          throw validationError({
            'pack.id': `"${pack.id}" is a built-in pack's id; give your copy its own id`,
          });
        if (await trx('custom_packs').where({ id: pack.id }).first('id'))
          throw validationError({ 'pack.id': `A pack with the id "${pack.id}" already exists` });
        if (basedOn && !(await find(trx, basedOn)))
          throw validationError({ basedOn: 'No such pack' });
        await trx('custom_packs').insert({
          id: pack.id,
          pack_json: JSON.stringify(pack),
          based_on: basedOn ?? null,
          created_at: now,
          updated_at: now,
        });
        await audit.append(trx, {
          action: 'create',
          entity: 'custom_packs',
          after: pack,
          detail: `pack ${pack.id}${basedOn ? ` (copied from ${basedOn})` : ''}`,
        });
        return detail(trx, pack.id, 'all');
      });
    },

    async update(id: string, raw: unknown): Promise<PackDetail> {
      const pack = validated(raw);
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        const before = await find(trx, id);
        if (!before) throw notFound('Requirement pack');
        if (before.builtIn)
          throw new AppError('conflict', 'Built-in packs cannot be changed; copy one to edit it.');
        // Workers point at the id, so it stays what it was.
        if (pack.id !== id)
          throw validationError({ 'pack.id': `A saved pack keeps its id ("${id}")` });
        await trx('custom_packs')
          .where({ id })
          .update({ pack_json: JSON.stringify(pack), updated_at: now });
        await audit.append(trx, {
          action: 'update',
          entity: 'custom_packs',
          before: before.pack,
          after: pack,
          detail: `pack ${id}`,
        });
        return detail(trx, id, 'all');
      });
    },

    async remove(id: string): Promise<{ id: string }> {
      return db.transaction(async (trx) => {
        const before = await find(trx, id);
        if (!before) throw notFound('Requirement pack');
        if (before.builtIn) throw new AppError('conflict', 'Built-in packs cannot be deleted.');
        const users = (await workersByPack(trx)).get(id) ?? [];
        if (users.length)
          throw new AppError(
            'conflict',
            `This pack is assigned to ${users.length} worker${users.length === 1 ? '' : 's'}; assign them another pack first.`,
          );
        await trx('custom_packs').where({ id }).delete();
        await audit.append(trx, {
          action: 'delete',
          entity: 'custom_packs',
          before: before.pack,
          detail: `pack ${id}`,
        });
        return { id };
      });
    },

    async setWorkerPack(
      workerId: number,
      packId: string | null,
    ): Promise<{ workerId: number; packId: string | null }> {
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        const worker = (await trx('workers').where({ id: workerId }).first('pack_id')) as
          { pack_id: string | null } | undefined;
        if (!worker) throw notFound('Worker');
        if (packId !== null && !(await find(trx, packId)))
          throw validationError({ packId: 'No such requirement pack' });
        await trx('workers').where({ id: workerId }).update({ pack_id: packId, updated_at: now });
        await audit.append(trx, {
          action: 'update',
          entity: 'workers',
          entityId: workerId,
          subjectType: 'worker',
          subjectId: workerId,
          before: { packId: worker.pack_id ?? null },
          after: { packId },
          detail: packId ? `requirement pack set to ${packId}` : 'requirement pack removed',
        });
        return { workerId, packId };
      });
    },
  };
}

export type PacksService = ReturnType<typeof makePacksService>;
