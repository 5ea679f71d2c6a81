/**
 * How configuration layers combine: a blueprint's defaults, then its named profile, then the environment file, then
 * CONFIG_OVERRIDES. Objects merge key by key; arrays and scalars replace. An object that names a different `mode`
 * than the layer below it (e.g. `mongodb.mode: "self-hosted"` over the default `"atlas"`) replaces it whole, since
 * the other mode's settings do not apply to it.
 */

/** What an environment file may set of a section: any part of it, arrays whole. */
export type DeepPartial<T> =
  T extends ReadonlyArray<infer U> ? ReadonlyArray<U> : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function mergeLayers(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  if ('mode' in override && 'mode' in base && override.mode !== base.mode) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeLayers(base[key], value);
  return merged;
}
