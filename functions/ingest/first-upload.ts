import { createHash } from 'node:crypto';
import type { ObjectInfo, ObjectStore } from '#core/store.ts';

/** sha256 of a stored object, streamed. */
async function objectSha256(store: ObjectStore, key: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await store.read(key)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The upload time of a submission: that of the **first** upload of its bytes. An officer who sends the same
 * file again (another name, later) makes a duplicate; whichever of the two is processed first records the
 * submission, and without this rule it recorded its own time — so the ledger, the complaints' cut-off, the
 * submission status and the snapshot's run id depended on the processing order. Looks in the upload's own
 * folder (`uploads/{region}/{dataset}/{period}/`: the same target) for objects of the same size uploaded
 * earlier, and returns the earliest time among those with the same sha256, else the upload's own.
 */
export async function firstUploadTime(store: ObjectStore, upload: ObjectInfo, sha256: string): Promise<Date> {
  const folder = upload.key.slice(0, upload.key.lastIndexOf('/') + 1);
  if (folder === '') return upload.lastModified;
  let first = upload.lastModified;
  for await (const o of store.list(folder)) {
    const sibling = o.key !== upload.key && !o.key.slice(folder.length).includes('/');
    if (!sibling || o.size !== upload.size || o.lastModified >= first) continue;
    if ((await objectSha256(store, o.key)) === sha256) first = o.lastModified;
  }
  return first;
}
