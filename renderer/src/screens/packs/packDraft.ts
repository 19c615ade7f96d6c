import { checkPack, type Pack } from '../../lib/domain';

/** A pack being edited: whatever JSON the editor holds, valid or not. */
export type Draft = Record<string, unknown>;

/** True when the draft still has the shape the figures form edits (values may be invalid). */
export function looksLikePack(d: Draft): d is Draft & Pack {
  return (
    typeof d.id === 'string' &&
    typeof d.name === 'string' &&
    typeof d.versionDate === 'string' &&
    Array.isArray(d.notes) &&
    Array.isArray(d.sources) &&
    Array.isArray(d.requirements) &&
    d.requirements.every((r) => typeof r === 'object' && r !== null) &&
    d.sources.every((s) => typeof s === 'object' && s !== null)
  );
}

/** Problems as `path: message`, the same words main uses when it refuses to save. */
export function draftProblems(d: Draft): string[] {
  const check = checkPack(d);
  return check.ok ? [] : check.problems;
}

/** Main's field keys (`pack.requirements.2.minutes`) read as the editor lists paths. */
export function apiFieldPath(key: string): string {
  const parts = key.replace(/^pack\.?/, '').split('.');
  let out = '';
  for (const p of parts) {
    if (p === '') continue;
    if (/^\d+$/.test(p)) out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out || '(pack)';
}

/** A copy of a pack to edit: a new id and name, the rest as it was. */
export function copyOf(pack: Pack, takenIds: readonly string[]): Draft {
  let id = `${pack.id}-practice`;
  for (let n = 2; takenIds.includes(id); n++) id = `${pack.id}-practice-${n}`;
  return { ...structuredClone(pack), id, name: `${pack.name} (practice copy)` };
}
