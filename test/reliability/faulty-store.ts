import type { Readable } from 'node:stream';
import type { ObjectInfo, ObjectStore, PutOptions } from '#core/store.ts';

/** The crash a test injects: stands for the process dying at that point. */
export class InjectedCrash extends Error {
  override name = 'InjectedCrash';
}

/** One call the pipeline made on the store. */
export interface Call {
  op: 'head' | 'read' | 'readBytes' | 'download' | 'upload' | 'write' | 'list' | 'delete';
  key: string;
}

/** Where to crash: the n-th call (0-based), before it reaches the store or after it completed. */
export interface CrashPoint {
  call: number;
  when: 'before' | 'after';
}

/**
 * An object store that records every call and, when told, throws {@link InjectedCrash} just before or
 * just after one of them, as if the process had died there. Everything else passes through.
 */
export class FaultyStore implements ObjectStore {
  readonly calls: Call[] = [];
  constructor(
    private readonly inner: ObjectStore,
    private readonly crash?: CrashPoint,
  ) {}

  get location(): string {
    return this.inner.location;
  }

  private async step<T>(op: Call['op'], key: string, run: () => Promise<T>): Promise<T> {
    const n = this.calls.push({ op, key }) - 1;
    if (this.crash?.call === n && this.crash.when === 'before')
      throw new InjectedCrash(`before ${op} ${key}`);
    const result = await run();
    if (this.crash?.call === n && this.crash.when === 'after') throw new InjectedCrash(`after ${op} ${key}`);
    return result;
  }

  head(key: string): Promise<ObjectInfo | undefined> {
    return this.step('head', key, () => this.inner.head(key));
  }
  read(key: string): Promise<Readable> {
    return this.step('read', key, () => this.inner.read(key));
  }
  readBytes(key: string): Promise<Buffer> {
    return this.step('readBytes', key, () => this.inner.readBytes(key));
  }
  download(key: string, localPath: string): Promise<void> {
    return this.step('download', key, () => this.inner.download(key, localPath));
  }
  upload(localPath: string, key: string, options?: PutOptions): Promise<string> {
    return this.step('upload', key, () => this.inner.upload(localPath, key, options));
  }
  write(key: string, body: string | Uint8Array, options?: PutOptions): Promise<string> {
    return this.step('write', key, () => this.inner.write(key, body, options));
  }
  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const items: ObjectInfo[] = await this.step('list', prefix, async () => {
      const out: ObjectInfo[] = [];
      for await (const o of this.inner.list(prefix)) out.push(o);
      return out;
    });
    yield* items;
  }
  delete(key: string): Promise<void> {
    return this.step('delete', key, () => this.inner.delete(key));
  }
}
