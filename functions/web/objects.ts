import type { ObjectStore } from '#core/store.ts';

/** A JSON object of the lake, parsed. */
export async function readJson<T>(store: ObjectStore, key: string): Promise<T> {
  return JSON.parse((await store.readBytes(key)).toString('utf8')) as T;
}

/** `fn` over `items` with at most `limit` calls in flight; results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
