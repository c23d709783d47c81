import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  assertSafeKey,
  type ObjectInfo,
  type ObjectStore,
  PreconditionFailedError,
  type PutOptions,
} from '#core/store.ts';

/** Part size of multipart uploads (S3 minimum is 5 MiB). */
const PART_SIZE = 16 * 1024 * 1024;

/**
 * The object-store port on an S3 bucket. Conditional writes map to S3's `If-Match` / `If-None-Match`
 * (a 412 becomes {@link PreconditionFailedError}); files go up by multipart upload when large.
 */
export class S3Store implements ObjectStore {
  readonly location: string;
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {
    this.location = `s3://${bucket}`;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    assertSafeKey(key);
    try {
      const r = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const info = {
        key,
        size: r.ContentLength ?? 0,
        lastModified: r.LastModified ?? new Date(0),
        etag: r.ETag ?? '',
      };
      return r.Metadata && Object.keys(r.Metadata).length > 0 ? { ...info, metadata: r.Metadata } : info;
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  async read(key: string): Promise<Readable> {
    assertSafeKey(key);
    const r = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!(r.Body instanceof Readable)) throw new TypeError(`no stream body for ${this.location}/${key}`);
    return r.Body;
  }

  async readBytes(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.read(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async download(key: string, localPath: string): Promise<void> {
    await mkdir(dirname(localPath), { recursive: true });
    await pipeline(await this.read(key), createWriteStream(localPath));
  }

  async upload(localPath: string, key: string, options: PutOptions = {}): Promise<string> {
    assertSafeKey(key);
    const upload = new Upload({
      client: this.s3,
      partSize: PART_SIZE,
      queueSize: 4,
      params: { Bucket: this.bucket, Key: key, Body: createReadStream(localPath), ...conditions(options) },
    });
    const r = await guard(key, () => upload.done());
    return r.ETag ?? '';
  }

  async write(key: string, body: string | Uint8Array, options: PutOptions = {}): Promise<string> {
    assertSafeKey(key);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: body,
      ...conditions(options),
    });
    const r = await guard(key, () => this.s3.send(command));
    return r.ETag ?? '';
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    for await (const page of paginateListObjectsV2(
      { client: this.s3 },
      { Bucket: this.bucket, Prefix: prefix },
    )) {
      for (const o of page.Contents ?? []) {
        if (o.Key === undefined) continue;
        yield {
          key: o.Key,
          size: o.Size ?? 0,
          lastModified: o.LastModified ?? new Date(0),
          etag: o.ETag ?? '',
        };
      }
    }
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

function conditions(o: PutOptions) {
  return { IfMatch: o.ifMatch, IfNoneMatch: o.ifNoneMatch, ContentType: o.contentType, Metadata: o.metadata };
}

/** Run a write; S3's 412 (or a 409 from a concurrent conditional write) becomes PreconditionFailedError. */
async function guard<T>(key: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const status = statusOf(e);
    if (status === 412 || (status === 409 && (e as Error).name === 'ConditionalRequestConflict')) {
      throw new PreconditionFailedError(key);
    }
    throw e;
  }
}

function statusOf(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
