/** How the tests that walk the API's input schemas read them (zod 4 keeps its definition in `_zod.def`). */
export type Def = { type: string } & Record<string, unknown>;
export const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/**
 * The schema a wrapper stands for (a default, a catch, a lazy schema…) where the wrapper adds
 * nothing a walk over inputs needs; undefined for every other kind.
 */
export function unwrapped(def: Def): unknown {
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return def.innerType;
    case 'lazy':
      return (def.getter as () => unknown)();
    default:
      return undefined;
  }
}
