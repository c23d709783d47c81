import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMethodology, MethodologyError, parseMethodology } from '#core/methodology.ts';

const V1 = new URL('../../methodology/v1.json', import.meta.url);
const v1 = () => JSON.parse(readFileSync(V1, 'utf8'));

describe('methodology file, validated at load', () => {
  it('loads v1 and hashes its bytes', async () => {
    const { methodology, hash } = await loadMethodology(V1);
    expect(methodology.version).toBe('v1');
    expect(methodology.index.bands.length).toBe(9);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the bad field: a weight given as text', async () => {
    const m = v1();
    m.index.weights.ikm = '0.5';
    await expect(parseMethodology(JSON.stringify(m), 'm.json')).rejects.toThrow(
      /Berkas metodologi m\.json tidak sah — index\.weights\.ikm: .*number/,
    );
  });

  it('names the bad field: a misspelt key, a missing section, an unknown weight rule', async () => {
    const m = v1();
    m.ranking = { min_respondent: 100 };
    delete m.submission;
    m.ikm.weight_rule = 'rounded';
    const error = await parseMethodology(JSON.stringify(m), 'm.json').then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(MethodologyError);
    expect(error?.message).toContain('ranking.min_respondents');
    expect(error?.message).toContain('ranking: Unrecognized key');
    expect(error?.message).toContain('submission:');
    expect(error?.message).toContain('ikm.weight_rule');
  });

  it("checks a file on disk whose bytes are not a shipped version's: a misspelt key is refused", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pantau-methodology-'));
    try {
      const m = v1();
      m.ranking = { min_respondent: 100 };
      const file = join(dir, 'mine.json');
      await writeFile(file, JSON.stringify(m));
      await expect(loadMethodology(file)).rejects.toThrow(/mine\.json tidak sah — ranking\.min_respondents/);
      // the same bytes as v1.json, under another name: loaded as v1
      await writeFile(file, readFileSync(V1));
      expect((await loadMethodology(file)).methodology).toEqual((await loadMethodology('v1')).methodology);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file that is not JSON, from disk, saying which file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pantau-methodology-'));
    try {
      const file = join(dir, 'broken.json');
      await writeFile(file, '{ "version": ');
      await expect(loadMethodology(file)).rejects.toThrow(/broken\.json bukan JSON yang sah/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
