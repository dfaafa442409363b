// What a PostgreSQL schema step is: plain SQL, run by the shared runner in
// the same transaction as the schema_version row it records.
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
