/**
 * The environment of a process that ingests one upload at a time: a worker of `pantau ingest --jobs`, the
 * ingest Lambda. One libuv pool thread runs the engine's statements: with the default four, consecutive
 * statements ran on different threads, each served by its own cache and arena of the engine's allocator,
 * so the memory one statement freed was not the next one's; it was handed back and fresh pages faulted in
 * (docs/performance.md, "Ingest"). Such a process does one thing at a time, so its file reads and writes,
 * which share that thread, wait for nothing.
 */
export const INGEST_PROCESS_ENV = { UV_THREADPOOL_SIZE: '1' } as const;
