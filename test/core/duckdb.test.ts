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
    duck = await Duck.open({ threads: 1 });
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
});
