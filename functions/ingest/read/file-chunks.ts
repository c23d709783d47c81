import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/*
 * The readers read local files synchronously: ingest reads one file after another, and from the page cache a
 * read takes microseconds, where each trip through the thread pool (open, every read, close) cost ~0.1 ms
 * on a busy machine — most of the time a small export's reading took.
 */

/** Run `read` on a file opened for reading, and close it. */
export function withFile<T>(path: string, read: (fd: number) => T): T {
  const fd = openSync(path, 'r');
  try {
    return read(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A file's bytes in chunks of at most `chunkBytes`, read into one buffer again and again: a chunk is valid
 * until the next one is asked for. `whole`: the file's bytes when already in memory (nothing is read).
 */
export function* fileChunks(path: string, chunkBytes: number, whole?: Buffer): Generator<Buffer> {
  if (whole) {
    for (let at = 0; at < whole.length; at += chunkBytes) yield whole.subarray(at, at + chunkBytes);
    return;
  }
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, fstatSync(fd).size)));
    for (let position = 0; ; ) {
      const read = readSync(fd, buffer, 0, buffer.length, position);
      if (read === 0) return;
      position += read;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}
