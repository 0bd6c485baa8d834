/** Both drivers (node-postgres, PGlite) answer execute() with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** A timestamp column as ISO text, whichever driver parsed it (Date or string). */
export const isoOf = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();
