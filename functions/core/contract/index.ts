/**
 * The contract: lake keys, names, SQL quoting, CSV writing and column types, each defined once. Import the
 * file you need (`#core/contract/lake.ts`) or everything from here.
 */
export * from './csv.ts';
export * from './lake.ts';
export * from './names.ts';
export * from './sql.ts';
export * from './types.ts';
