/** A Meilisearch string literal: user-typed values cannot break out of it. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export interface SearchFilters {
  type?: string[];
  stages?: string[];
  personas?: string[];
  industries?: string[];
  competitors?: string[];
  objections?: string[];
  language?: string[];
  status?: string[];
  tags?: string[];
}

const fields: (keyof SearchFilters)[] = [
  "type",
  "stages",
  "personas",
  "industries",
  "competitors",
  "objections",
  "language",
  "status",
  "tags",
];

/** Any of the values within a field, all fields together. */
export function filterExpressions(filters: SearchFilters): string[] {
  return fields.flatMap((field) => {
    const values = filters[field];
    return values && values.length > 0 ? [`${field} IN [${values.map(quote).join(", ")}]`] : [];
  });
}
