import type { DatasetId } from '../contract/names.ts';
import type { Column } from './columns.ts';
import { complaints } from './complaints.ts';
import type { Dataset } from './definition.ts';
import { fkp } from './fkp.ts';
import { skm } from './skm.ts';
import { units } from './units.ts';

export { complaints, fkp, skm, units };

export { type DatasetId, REPORTED_DATASETS } from '../contract/names.ts';

/** Every dataset, by id (the ids and table names are the contract's). */
export const DATASETS = { skm, fkp, complaints, units } as const satisfies Record<DatasetId, unknown>;
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

export function isDatasetId(v: string): v is DatasetId {
  return Object.hasOwn(DATASETS, v);
}

export function dataset(id: DatasetId): Dataset<Record<string, Column>> {
  return DATASETS[id] as unknown as Dataset<Record<string, Column>>;
}
