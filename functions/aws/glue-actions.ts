/** The kinds of statement the Athena engine runs. */
export type StatementKind = 'select' | 'ctas' | 'drop' | 'columns';

/**
 * The Glue Data Catalog actions Athena performs for each kind of statement on a Hive table (Athena user
 * guide, "Configure access to databases and tables in the AWS Glue Data Catalog"); the job's role is
 * granted exactly their union with {@link GLUE_API_ACTIONS}.
 */
export const GLUE_ACTIONS_BY_STATEMENT: Record<StatementKind, readonly string[]> = {
  select: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
  ctas: ['glue:GetDatabase', 'glue:GetTable', 'glue:CreateTable'],
  drop: [
    'glue:GetDatabase',
    'glue:GetTable',
    'glue:DeleteTable',
    'glue:GetPartitions',
    'glue:BatchDeletePartition',
  ],
  columns: ['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTables', 'glue:GetTable'],
};

/** Glue API calls the job makes itself (mart-partitions.ts: the partition switch). */
export const GLUE_API_ACTIONS = [
  'glue:GetTable',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:CreatePartition',
  'glue:UpdatePartition',
  'glue:DeletePartition',
] as const;

/** What kind of statement `sql` is. */
export function statementKind(sql: string): StatementKind {
  const head = sql.trimStart().slice(0, 200).toUpperCase();
  if (head.startsWith('CREATE TABLE')) return 'ctas';
  if (head.startsWith('DROP TABLE')) return 'drop';
  if (/\bINFORMATION_SCHEMA\./.test(head)) return 'columns';
  if (head.startsWith('SELECT') || head.startsWith('WITH')) return 'select';
  throw new Error(`unexpected statement: ${sql.slice(0, 60)}`);
}

/** Every Glue action the scheduled job needs, sorted. */
export const JOB_GLUE_ACTIONS: readonly string[] = [
  ...new Set([...Object.values(GLUE_ACTIONS_BY_STATEMENT).flat(), ...GLUE_API_ACTIONS]),
].sort();
