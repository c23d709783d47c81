import type { Column } from './columns.ts';
import { complaints } from './complaints.ts';
import type { Dataset } from './definition.ts';
import { fkp } from './fkp.ts';
import { skm } from './skm.ts';
import { units } from './units.ts';

export { complaints, fkp, skm, units };

/** Every dataset, by id. */
export const DATASETS = { skm, fkp, complaints, units } as const;
export type DatasetId = keyof typeof DATASETS;
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];
/** Datasets every region must submit each period (the roster); `units` is a registry. */
export const REPORTED_DATASETS = ['skm', 'fkp', 'complaints'] as const satisfies readonly DatasetId[];

export function isDatasetId(v: string): v is DatasetId {
  return Object.hasOwn(DATASETS, v);
}

export function dataset(id: DatasetId): Dataset<Record<string, Column>> {
  return DATASETS[id] as unknown as Dataset<Record<string, Column>>;
}
