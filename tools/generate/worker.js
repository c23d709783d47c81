// A worker thread starts without the TypeScript loader that bin/pantau.js registers: register it, then run
// the worker (worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
