import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';

export interface SchemaTable {
  readonly schema: string;
  readonly name: string;
  /** BASE TABLE or VIEW. */
  readonly kind: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

/** Schemas in the order an analyst wants them: figures first, then what they are built from. */
export const SCHEMA_ORDER = ['marts', 'intermediate', 'staging', 'raw', 'ref', 'meta'] as const;

/**
 * The warehouse's tables and columns with their types (information_schema), for the explorer's
 * schema browser. System schemas and a full sync's side tables (`raw.*__loading`) are left out.
 */
export async function warehouseSchema(db: Pick<Warehouse, 'query'>): Promise<SchemaTable[]> {
  const rows = await db.query<{ table_schema: string; table_name: string; table_type: string; column_name: string; data_type: string }>(
    `select t.table_schema, t.table_name, t.table_type, c.column_name, c.data_type
     from information_schema.tables t
     join information_schema.columns c using (table_catalog, table_schema, table_name)
     where t.table_catalog = current_database()
       and t.table_schema not in ('information_schema', 'pg_catalog')
       and t.table_name not like '%\\_\\_loading' escape '\\'
     order by t.table_schema, t.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, { schema: string; name: string; kind: string; columns: { name: string; type: string }[] }>();
  for (const r of rows) {
    const key = `${r.table_schema}.${r.table_name}`;
    let t = tables.get(key);
    if (!t) tables.set(key, (t = { schema: r.table_schema, name: r.table_name, kind: r.table_type, columns: [] }));
    t.columns.push({ name: r.column_name, type: r.data_type });
  }
  const rank = (s: string) => {
    const i = (SCHEMA_ORDER as readonly string[]).indexOf(s);
    return i < 0 ? SCHEMA_ORDER.length : i;
  };
  return [...tables.values()].sort((a, b) => rank(a.schema) - rank(b.schema) || a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name));
}
