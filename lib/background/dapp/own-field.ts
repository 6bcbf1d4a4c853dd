/**
 * A field of page data, read only if the object itself holds it: never one inherited from a prototype
 * ("constructor", "toString", "__proto__" are not fields of anything the page sent).
 */
export function ownField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
