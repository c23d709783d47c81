import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMethodology, MethodologyError, parseMethodology } from '#core/methodology.ts';

const V1 = new URL('../../methodology/v1.json', import.meta.url);
const v1 = () => JSON.parse(readFileSync(V1, 'utf8'));

describe('methodology file, validated at load', () => {
  it('loads v1 and hashes its bytes', () => {
    const { methodology, hash } = loadMethodology(V1);
    expect(methodology.version).toBe('v1');
    expect(methodology.index.bands.length).toBe(9);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the bad field: a weight given as text', () => {
    const m = v1();
    m.index.weights.ikm = '0.5';
    expect(() => parseMethodology(JSON.stringify(m), 'm.json')).toThrow(
      /Berkas metodologi m\.json tidak sah — index\.weights\.ikm: .*number/,
    );
  });

  it('names the bad field: a misspelt key, a missing section, an unknown weight rule', () => {
    const m = v1();
    m.ranking = { min_respondent: 100 };
    delete m.submission;
    m.ikm.weight_rule = 'rounded';
    const error = (() => {
      try {
        parseMethodology(JSON.stringify(m), 'm.json');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(MethodologyError);
    expect(error?.message).toContain('ranking.min_respondents');
    expect(error?.message).toContain('ranking: Unrecognized key');
    expect(error?.message).toContain('submission:');
    expect(error?.message).toContain('ikm.weight_rule');
  });

  it('refuses a file that is not JSON, from disk, saying which file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pantau-methodology-'));
    try {
      const file = join(dir, 'broken.json');
      await writeFile(file, '{ "version": ');
      expect(() => loadMethodology(file)).toThrow(/broken\.json bukan JSON yang sah/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
