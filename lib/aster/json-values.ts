/** A JSON object (not null, not an array): what Aster's answers and typed data are checked against. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
