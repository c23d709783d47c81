import { parentPort, workerData } from 'node:worker_threads';
import type { RunOptions } from './context.ts';
import { type WorkerMessage, writeShare } from './pool.ts';

/** A generate worker thread (started by pool.ts through worker.js): writes its share, then posts its part. */
const { options, next } = workerData as { options: RunOptions; next: Int32Array };
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
post({ part: await writeShare(options, next, (region) => post({ region })) });
