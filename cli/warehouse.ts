import type { LocalStore } from '#core/local-store.ts';
import { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import type { TransformProgress } from '#warehouse/runner.ts';
import { progress, progressDone } from './args.ts';

/** The progress line of a warehouse build: step, period and model. */
export const modelProgress = (p: TransformProgress) =>
  progress(`[${p.step}/${p.steps}] ${p.period} ${p.model}`);

/** Run `f` with the lake's warehouse engine; the progress line is ended and the engine closed after. */
export async function withEngine<T>(store: LocalStore, f: (engine: DuckDbEngine) => Promise<T>): Promise<T> {
  const engine = await DuckDbEngine.open(store);
  try {
    return await f(engine);
  } finally {
    progressDone();
    await engine.close();
  }
}
