import { describe, expect, it } from 'vitest';
import { benchDeadlineDay } from '../../bench/load.ts';
import { tempDir } from '../support/lake.ts';

describe('deadline-day load through the handler path (tiny scale; `npm run bench` runs all 552 regions)', () => {
  it('processes every submission with bounded concurrency and loses none', async () => {
    const tmp = await tempDir('pantau-load-');
    try {
      const r = await benchDeadlineDay({ scale: 'tiny', workers: 2, dir: tmp.dir });
      expect(r.submissions).toBeGreaterThanOrEqual(36);
      expect(r.failures).toEqual([]);
      expect(r.processed).toBe(r.submissions);
      expect(r.statuses.accepted).toBeGreaterThan(r.submissions / 2);
    } finally {
      await tmp.cleanup();
    }
  });
});
