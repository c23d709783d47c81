import {
  createReadStream,
  type Dirent,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  type Stats,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { copyFile, readFile, rm } from 'node:fs/promises';
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

/**
 * The object store on a local folder: atomic writes by rename, conditional writes under a lock. Metadata
 * operations (stat, listing, rename, the lock, small writes) are synchronous: each takes microseconds, while
 * a trip through the thread pool cost ~0.1 ms on a busy machine, and ingest makes ~50 a file one after
 * another. Copies of whole files stay asynchronous.
 */
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
    return this.headNow(key);
  }

  private headNow(key: string): ObjectInfo | undefined {
    const path = this.path(key);
    try {
      const s = statSync(path, { throwIfNoEntry: false });
      if (!s?.isFile()) return undefined;
      const found = info(key, s);
      const sidecar = readSidecar(`${path}${META}`);
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
    statSync(path);
    return createReadStream(path);
  }

  readBytes(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  localFile(key: string): string | undefined {
    const path = this.path(key);
    return statOrNone(path)?.isFile() ? path : undefined;
  }

  download(key: string, localPath: string): Promise<void> {
    return intoFolder(localPath, () => copyFile(this.path(key), localPath));
  }

  upload(localPath: string, key: string, options: PutOptions = {}): Promise<string> {
    return this.put(key, (tmp) => copyFile(localPath, tmp), options);
  }

  write(key: string, body: string | Uint8Array, options: PutOptions = {}): Promise<string> {
    return this.put(key, async (tmp) => writeFileSync(tmp, body), options);
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const base =
      prefix.endsWith('/') || prefix === '' ? prefix : prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const start = base === '' ? this.root : this.path(base.slice(0, -1));
    for (const path of walk(start).sort()) {
      const key = relative(this.root, path).split(sep).join('/');
      if (!key.startsWith(prefix) || isTemp(key)) continue;
      const s = statOrNone(path);
      if (s?.isFile()) yield info(key, s);
    }
  }

  async delete(key: string): Promise<void> {
    await rm(`${this.path(key)}${META}`, { force: true });
    await rm(this.path(key), { force: true });
  }

  private async put(key: string, fill: (tmp: string) => Promise<void>, options: PutOptions): Promise<string> {
    const path = this.path(key);
    const tmp = `${path}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
    await intoFolder(path, () => fill(tmp));
    const conditional =
      options.ifMatch !== undefined || options.ifNoneMatch !== undefined || options.metadata !== undefined;
    const release = conditional ? await lock(path, tmp) : undefined;
    try {
      if (conditional) {
        const current = this.headNow(key);
        const ok = options.ifNoneMatch ? current === undefined : current?.etag === options.ifMatch;
        if (!ok) throw new PreconditionFailedError(key);
      }
      // rename keeps inode, size and mtime, so the etag of the temp file is the etag the object will have
      const etag = info(key, statSync(tmp)).etag;
      if (options.metadata) {
        writeFileSync(`${tmp}${META}`, JSON.stringify({ etag, metadata: options.metadata }));
        renameSync(`${tmp}${META}`, `${path}${META}`);
      }
      renameSync(tmp, path);
      return etag;
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    } finally {
      release?.();
    }
  }
}

/** A file's status, or undefined when it is gone or cannot be read. */
function statOrNone(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** The text of a metadata sidecar, or undefined when there is none or it cannot be read. */
function readSidecar(path: string): string | undefined {
  try {
    // a stat first: most objects have no sidecar, and a failed read costs an exception
    return statSync(path, { throwIfNoEntry: false }) ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Run a write into `path`'s folder, creating the folder first when it is missing (then written again). */
async function intoFolder<T>(path: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dirname(path), { recursive: true });
    return write();
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

function walk(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * A cross-process lock on one key: the lock file, taken as a new link to the writer's own temporary file
 * (`holder`), so that taking and releasing it creates and frees no inode. An ext4 without a journal (as on
 * the build machines) searches past every inode freed in the last 30 s for each file it creates: a lock
 * file created and deleted for each ledger entry and curated file made ingest's new files ever costlier
 * (docs/performance.md, "Files created and freed"). Dated when taken; broken when stale.
 */
async function lock(path: string, holder: string): Promise<() => void> {
  const lockPath = `${path}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      linkSync(holder, lockPath);
      // the holder was written before any wait: dated now, a lock long waited for is not taken for stale
      const now = new Date();
      utimesSync(lockPath, now, now);
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const s = statSync(lockPath, { throwIfNoEntry: false });
      if (s && Date.now() - s.mtimeMs > LOCK_STALE_MS) breakLock(lockPath);
      await new Promise((r) => setTimeout(r, Math.min(5 * 2 ** Math.min(attempt, 6), 200)));
    }
  }
}

function breakLock(lockPath: string): void {
  try {
    rmdirSync(lockPath);
  } catch {
    rmSync(lockPath, { force: true });
  }
}
