import { availableParallelism } from 'node:os';

/**
 * Workers a local command runs by default (ingest's processes, the generator's threads): one per core, at
 * most 4, since each holds an engine or a run's plans in memory.
 */
export const workersPerMachine = (): number => Math.min(4, availableParallelism());
