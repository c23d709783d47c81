import { type ObjectStore, PreconditionFailedError } from '#core/store.ts';

/** The version of curated data an object holds: which submission, uploaded when. */
export interface Version {
  submission_id: string;
  uploaded_at: string;
}

/** Whether version `a` was uploaded after `b` (ties broken by id, so every process agrees). */
export const newer = (a: Version, b: Version) =>
  a.uploaded_at > b.uploaded_at || (a.uploaded_at === b.uploaded_at && a.submission_id > b.submission_id);

/**
 * Make `localFile` the curated object at `key` unless a newer upload is already there. The switch is one
 * atomic conditional write: a reader sees the old file or the new one, and of two racing submissions the
 * newer upload wins whatever the processing order. Returns the id of the newer submission that kept its
 * place, or null when this one is now current (or already was: a replay).
 */
export async function replaceIfNewer(
  store: ObjectStore,
  key: string,
  localFile: string,
  mine: Version,
): Promise<string | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await store.head(key);
    const held = current?.metadata as Version | undefined;
    if (held?.submission_id === mine.submission_id) return null;
    if (held && newer(held, mine)) return held.submission_id;
    try {
      await store.upload(localFile, key, {
        ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' }),
        metadata: { submission_id: mine.submission_id, uploaded_at: mine.uploaded_at },
        contentType: 'application/vnd.apache.parquet',
      });
      return null;
    } catch (e) {
      if (!(e instanceof PreconditionFailedError)) throw e;
    }
  }
  throw new Error(`pergantian data ${key} gagal: terlalu banyak penulisan bersamaan`);
}
