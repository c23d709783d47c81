import type { Readable } from 'node:stream';

/** Metadata of a stored object. */
export interface ObjectInfo {
  key: string;
  size: number;
  /** Upload time: S3 LastModified, or the file's modification time locally. */
  lastModified: Date;
  /** Opaque version tag for conditional writes. */
  etag: string;
  /** User metadata written with the object (`head` only; `list` leaves it out). */
  metadata?: Record<string, string>;
}

export interface PutOptions {
  /** Write only if the current object has this etag. */
  ifMatch?: string;
  /** Write only if no object exists at the key. */
  ifNoneMatch?: '*';
  contentType?: string;
  /** Small user metadata stored with the object (S3 `x-amz-meta-*`). */
  metadata?: Record<string, string>;
}

/** A conditional write lost its race: the object changed (or exists) since it was read. */
export class PreconditionFailedError extends Error {
  constructor(readonly key: string) {
    super(`precondition failed for ${key}`);
    this.name = 'PreconditionFailedError';
  }
}

/**
 * The object-store port: a local folder or an S3 bucket. Keys are `/`-separated, relative, never `..`.
 * Every write is atomic: a reader sees the old object or the new one, never a part.
 */
export interface ObjectStore {
  /** Human-readable location, for messages (`/home/x/.pantau`, `s3://bucket`). */
  readonly location: string;
  head(key: string): Promise<ObjectInfo | undefined>;
  read(key: string): Promise<Readable>;
  readBytes(key: string): Promise<Buffer>;
  /** Copy an object into a local file (for the embedded engine). */
  download(key: string, localPath: string): Promise<void>;
  /**
   * The file that holds an object's bytes, for a store that keeps its objects as local files: read in place
   * instead of a {@link download}, and never written (the store replaces an object by renaming another file
   * into its place, so an open file keeps the bytes it had).
   */
  localFile?(key: string): string | undefined;
  /** Write a local file to a key; returns the new etag. Throws PreconditionFailedError. */
  upload(localPath: string, key: string, options?: PutOptions): Promise<string>;
  write(key: string, body: string | Uint8Array, options?: PutOptions): Promise<string>;
  /** All objects under a prefix, in key order. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  delete(key: string): Promise<void>;
}

/** Reject keys that could escape the store's root. */
export function assertSafeKey(key: string): void {
  if (
    key === '' ||
    key.startsWith('/') ||
    key.includes('\\') ||
    key.includes('\0') ||
    key.split('/').some((p) => p === '..' || p === '.' || p === '')
  ) {
    throw new RangeError(`kunci objek tidak aman: ${JSON.stringify(key)}`);
  }
}
