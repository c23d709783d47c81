import { createReadStream } from 'node:fs';
import {
  copyFile,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import {
  assertSafeKey,
  type ObjectInfo,
  type ObjectStore,
  PreconditionFailedError,
  type PutOptions,
} from './store.ts';

const LOCK_STALE_MS = 30_000;

/** The object store on a local folder: atomic writes by rename, conditional writes under a lock. */
export class LocalStore implements ObjectStore {
  readonly location: string;
  constructor(readonly root: string) {
    this.location = root;
  }

  /** Absolute path of a key (for the embedded engine, which reads the lake in place). */
  path(key: string): string {
    assertSafeKey(key);
    return join(this.root, ...key.split('/'));
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const path = this.path(key);
    try {
      const s = await stat(path);
      if (!s.isFile()) return undefined;
      const found = info(key, s);
      const sidecar = await readFile(`${path}${META}`, 'utf8').catch(() => undefined);
      const meta = sidecar
        ? (JSON.parse(sidecar) as { etag: string; metadata: Record<string, string> })
        : undefined;
      // The sidecar names the data version it describes: after a crash between the two renames it is ignored.
      return meta?.etag === found.etag ? { ...found, metadata: meta.metadata } : found;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async read(key: string): Promise<Readable> {
    const path = this.path(key);
    await stat(path);
    return createReadStream(path);
  }

  readBytes(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  async download(key: string, localPath: string): Promise<void> {
    await mkdir(dirname(localPath), { recursive: true });
    await copyFile(this.path(key), localPath);
  }

  upload(localPath: string, key: string, options: PutOptions = {}): Promise<string> {
    return this.put(key, (tmp) => copyFile(localPath, tmp), options);
  }

  write(key: string, body: string | Uint8Array, options: PutOptions = {}): Promise<string> {
    return this.put(key, (tmp) => writeFile(tmp, body), options);
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const base =
      prefix.endsWith('/') || prefix === '' ? prefix : prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const start = base === '' ? this.root : this.path(base.slice(0, -1));
    for (const path of (await walk(start)).sort()) {
      const key = relative(this.root, path).split(sep).join('/');
      if (!key.startsWith(prefix) || isTemp(key)) continue;
      const s = await stat(path).catch(() => undefined);
      if (s?.isFile()) yield info(key, s);
    }
  }

  async delete(key: string): Promise<void> {
    await rm(`${this.path(key)}${META}`, { force: true });
    await rm(this.path(key), { force: true });
  }

  private async put(key: string, fill: (tmp: string) => Promise<void>, options: PutOptions): Promise<string> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
    await fill(tmp);
    const conditional =
      options.ifMatch !== undefined || options.ifNoneMatch !== undefined || options.metadata !== undefined;
    const release = conditional ? await lock(path) : async () => {};
    try {
      if (conditional) {
        const current = await this.head(key);
        const ok = options.ifNoneMatch ? current === undefined : current?.etag === options.ifMatch;
        if (!ok) throw new PreconditionFailedError(key);
      }
      if (options.metadata) {
        // rename keeps inode, size and mtime, so the etag of the temp file is the etag the object will have
        const etag = info(key, await stat(tmp)).etag;
        await writeFile(`${tmp}${META}`, JSON.stringify({ etag, metadata: options.metadata }));
        await rename(`${tmp}${META}`, `${path}${META}`);
      }
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    } finally {
      await release();
    }
    const written = await this.head(key);
    return written?.etag ?? '';
  }
}

function info(key: string, s: { size: number; mtime: Date; mtimeMs: number; ino: number }): ObjectInfo {
  return {
    key,
    size: s.size,
    lastModified: s.mtime,
    etag: `${s.ino.toString(36)}-${s.size}-${Math.trunc(s.mtimeMs * 1000).toString(36)}`,
  };
}

/** Suffix of the sidecar holding an object's metadata. */
const META = '.meta.json';
const isTemp = (key: string) => key.endsWith('.tmp') || key.endsWith('.lock') || key.endsWith(META);

function isNotFound(e: unknown): boolean {
  return (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR';
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e) => {
    if (isNotFound(e)) return [];
    throw e;
  });
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** A cross-process lock on one key: an exclusively created lock file, broken when stale. */
async function lock(path: string): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const s = await stat(lockPath).catch(() => undefined);
      if (s && Date.now() - s.mtimeMs > LOCK_STALE_MS)
        await rmdir(lockPath).catch(() => rm(lockPath, { force: true }));
      await new Promise((r) => setTimeout(r, Math.min(5 * 2 ** Math.min(attempt, 6), 200)));
    }
  }
}
