import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Duck } from '#core/duckdb.ts';

// A variable is read when a statement is bound: what a prepared statement answers after the variable
// changed tells whether it was bound again.
describe('Duck prepared statements', () => {
  let duck: Duck;
  const bound = async () => {
    const [row] = await duck.preparedRows<{ v: number }>(
      "SELECT getvariable('v') AS v, count(*) AS n FROM kept",
    );
    return Number(row!.v);
  };
  const setV = (v: number) => duck.run(`SET VARIABLE v = ${v}`);

  beforeEach(async () => {
    duck = await Duck.open({ threads: 1, reusablePlans: true });
    await duck.run('CREATE TABLE kept (x INTEGER)');
  });
  afterEach(() => duck.close());

  it('are bound once and then reused', async () => {
    await setV(1);
    expect(await bound()).toBe(1);
    await setV(2);
    expect(await bound()).toBe(1);
  });

  it('are bound again once, not on every run, after the catalog changed', async () => {
    await setV(1);
    expect(await bound()).toBe(1);
    await duck.changeCatalog('CREATE TABLE added (x INTEGER)');
    await setV(2);
    expect(await bound()).toBe(2);
    // the engine would bind a statement prepared before the change on every run from now on
    await setV(3);
    expect(await bound()).toBe(2);
  });

  it('give the same answers whatever the table held when they were planned', async () => {
    await duck.run('CREATE TABLE refilled (c VARCHAR)');
    await duck.run('INSERT INTO refilled VALUES (NULL), (NULL)');
    const answers = () =>
      duck.preparedRows<{ given: boolean; filled: string }>(
        "SELECT c IS NOT NULL AS given, coalesce(c, 'kosong') AS filled FROM refilled ORDER BY filled",
      );
    expect(await answers()).toEqual([
      { given: false, filled: 'kosong' },
      { given: false, filled: 'kosong' },
    ]);
    await duck.run('DELETE FROM refilled');
    await duck.run("INSERT INTO refilled VALUES ('ada'), (NULL)");
    // planned over an all-NULL column, the optimiser would have folded both expressions away
    expect(await answers()).toEqual([
      { given: true, filled: 'ada' },
      { given: false, filled: 'kosong' },
    ]);
  });

  it('keep an IN list of constants as comparisons, not a join whose table every run builds again', async () => {
    const plan = async (engine: Duck) => {
      const rows = await engine.rows<{ explain_value: string }>(
        'EXPLAIN SELECT x IN (1, 2, 3, 4, 5, 6, 7) AS listed FROM range(3) t(x)',
      );
      return rows.map((r) => r.explain_value).join('\n');
    };
    expect(await plan(duck)).not.toMatch(/JOIN/);
    const plain = await Duck.open({ threads: 1 });
    try {
      // the engine's own optimiser would make it a join: the test would not notice the setting gone
      expect(await plan(plain)).toMatch(/JOIN/);
    } finally {
      plain.close();
    }
  });

  it('are refused on an engine that plans with the data statistics', async () => {
    const plain = await Duck.open({ threads: 1 });
    try {
      await expect(plain.preparedRows('SELECT 1')).rejects.toThrow(/reusablePlans/);
    } finally {
      plain.close();
    }
  });
});

describe('Duck.withThreads', () => {
  it('runs a step on fewer threads, then on as many as before', async () => {
    const engine = await Duck.open({ threads: 2 });
    const threads = async () =>
      Number((await engine.rows<{ n: string }>("SELECT current_setting('threads') AS n"))[0]!.n);
    try {
      expect(await engine.withThreads(1, threads)).toBe(1);
      expect(await threads()).toBe(2);
      await expect(engine.withThreads(1, () => Promise.reject(new Error('gagal')))).rejects.toThrow('gagal');
      expect(await threads()).toBe(2);
      // what follows a useThreads runs on its count, a withThreads inside it included, and never more than opened
      await engine.useThreads(1);
      expect(await engine.withThreads(1, threads)).toBe(1);
      expect(await threads()).toBe(1);
      await engine.useThreads(8);
      expect(await threads()).toBe(2);
    } finally {
      engine.close();
    }
  });
});
