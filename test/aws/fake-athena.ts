import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  type ResultSet,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import {
  CreatePartitionCommand,
  DeletePartitionCommand,
  GetPartitionCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GlueClient,
  UpdatePartitionCommand,
} from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { COLUMN_TYPES, duckType } from '#core/contract/types.ts';
import type { DocumentedModel } from '#warehouse/models.ts';

/** One statement the fake received. */
export interface Recorded {
  id: string;
  sql: string;
  params?: string[];
}

const table = (columns: string[], rows: (string | undefined)[][]): ResultSet => ({
  ResultSetMetadata: { ColumnInfo: columns.map((Name) => ({ Name, Type: 'varchar' })) },
  Rows: [columns, ...rows].map((r) => ({ Data: r.map((VarCharValue) => ({ VarCharValue })) })),
});

/**
 * Athena and Glue at the SDK boundary: Athena records every statement, answers `information_schema` and
 * `count(*)` queries, reports `bytesPerStatement` scanned; `fail(pattern)` makes matching statements fail.
 * Glue keeps partitions in a map, so the catalog's state can be asserted.
 */
export function fakeAthena(
  options: {
    /** `information_schema.columns` of a table (Trino types), by table name. */
    martColumns?: [string, string][] | ((table: string) => [string, string][]);
    bytesPerStatement?: number;
    onPoll?: () => void;
  } = {},
) {
  const athena = mockClient(AthenaClient);
  const glue = mockClient(GlueClient);
  const statements: Recorded[] = [];
  const partitions = new Map<string, string>();
  const failing: RegExp[] = [];
  const given = options.martColumns ?? [
    ['region_code', 'varchar'],
    ['ikm', 'double'],
    ['year', 'integer'],
    ['quarter', 'integer'],
  ];
  const columns = (table: string) => (typeof given === 'function' ? given(table) : given);
  athena.on(StartQueryExecutionCommand).callsFake((input) => {
    const id = `q${statements.length + 1}`;
    statements.push({ id, sql: input.QueryString ?? '', params: input.ExecutionParameters });
    return { QueryExecutionId: id };
  });
  athena.on(GetQueryExecutionCommand).callsFake((input) => {
    options.onPoll?.();
    const s = statements.find((x) => x.id === input.QueryExecutionId);
    const failed = s && failing.some((re) => re.test(s.sql));
    // a query this fake never started belongs to an earlier, dead invocation: still running
    const State = !s ? 'RUNNING' : failed ? 'FAILED' : 'SUCCEEDED';
    return {
      QueryExecution: {
        Status: { State, StateChangeReason: failed ? 'boom' : undefined },
        Statistics: { DataScannedInBytes: options.bytesPerStatement ?? 1000, EngineExecutionTimeInMillis: 5 },
      },
    };
  });
  athena.on(StopQueryExecutionCommand).resolves({});
  athena.on(GetQueryResultsCommand).callsFake((input) => {
    const s = statements.find((x) => x.id === input.QueryExecutionId);
    const sql = s?.sql ?? '';
    if (sql.includes('information_schema.columns')) {
      const name = (s?.params?.[1] ?? '').replaceAll("'", '');
      return { ResultSet: table(['column_name', 'data_type'], columns(name)) };
    }
    if (sql.includes('count(*)')) return { ResultSet: table(['rows'], [['42']]) };
    return { ResultSet: table(['x'], []) };
  });
  const key = (t?: string, v?: string[]) => `${t}/${(v ?? []).join('/')}`;
  glue.on(GetTableCommand).callsFake((input) => ({
    Table: { Name: input.Name, StorageDescriptor: { Columns: [{ Name: 'region_code', Type: 'string' }] } },
  }));
  glue.on(GetPartitionCommand).callsFake((input) => {
    const location = partitions.get(key(input.TableName, input.PartitionValues));
    if (!location) throw Object.assign(new Error('not found'), { name: 'EntityNotFoundException' });
    return { Partition: { Values: input.PartitionValues, StorageDescriptor: { Location: location } } };
  });
  glue.on(CreatePartitionCommand).callsFake((input) => {
    partitions.set(
      key(input.TableName, input.PartitionInput?.Values),
      input.PartitionInput?.StorageDescriptor?.Location ?? '',
    );
    return {};
  });
  glue.on(UpdatePartitionCommand).callsFake((input) => {
    partitions.set(
      key(input.TableName, input.PartitionValueList),
      input.PartitionInput?.StorageDescriptor?.Location ?? '',
    );
    return {};
  });
  glue.on(DeletePartitionCommand).callsFake((input) => {
    partitions.delete(key(input.TableName, input.PartitionValues));
    return {};
  });
  glue.on(GetPartitionsCommand).callsFake((input) => ({
    Partitions: [...partitions.keys()]
      .filter((k) => k.startsWith(`${input.TableName}/`))
      .map((k) => ({ Values: k.split('/').slice(1) })),
  }));
  return {
    athena,
    glue,
    statements,
    partitions,
    fail: (re: RegExp) => failing.push(re),
    /** Glue API actions the code called, as IAM action names. */
    glueActions: () =>
      new Set(glue.calls().map((c) => `glue:${c.args[0].constructor.name.replace(/Command$/, '')}`)),
    reset: () => {
      athena.reset();
      glue.reset();
    },
  };
}

/** The catalog's columns of every mart as declared in its model (what the Glue table holds), Trino types. */
export function declaredColumns(models: readonly DocumentedModel[]): (table: string) => [string, string][] {
  return (table) => {
    const m = models.find((x) => x.name === table);
    const cols = (m?.columns ?? []).map((c): [string, string] => [
      c.name,
      COLUMN_TYPES[duckType(c.type)!].trino,
    ]);
    return [...cols, ['year', 'integer'], ['quarter', 'integer']];
  };
}
