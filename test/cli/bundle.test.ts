import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;

/**
 * A checkout of the CLI's sources in a temporary folder, with a node_modules of links to the installed
 * packages, so that its bundle cache (node_modules/.cache/pantau-cli) is its own and not the one every
 * other test's `pantau` process runs from.
 */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pantau-bundle-'));
  for (const part of ['bin', 'cli', 'functions', 'tools', 'package.json', 'tsconfig.json'])
    await cp(join(REPO, part), join(dir, part), { recursive: true });
  await mkdir(join(dir, 'node_modules'));
  for (const entry of await readdir(join(REPO, 'node_modules')))
    if (entry !== '.cache')
      await symlink(join(REPO, 'node_modules', entry), join(dir, 'node_modules', entry));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const CURRENT = () => join(dir, 'node_modules', '.cache', 'pantau-cli', 'current.json');
const current = async () => JSON.parse(await readFile(CURRENT(), 'utf8')) as { root: string; build: string };
const pantau = (...args: string[]) =>
  spawnSync(process.execPath, [join(dir, 'bin', 'pantau.js'), ...args], { encoding: 'utf8' });

describe('the CLI runs from a bundle of its sources as they are', () => {
  it('builds it on first use, reuses it, and builds again when a source changes', async () => {
    const first = pantau('--help');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Bantuan tiap perintah');
    const built = await current();
    expect(built.root).toBe(join(dir, '/'));
    const stamped = (await stat(CURRENT())).mtimeMs;

    expect(pantau('--help').status).toBe(0);
    expect((await stat(CURRENT())).mtimeMs).toBe(stamped); // nothing changed: no new build

    const main = join(dir, 'cli', 'main.ts');
    const text = await readFile(main, 'utf8');
    await writeFile(main, text.replace('Bantuan tiap perintah', 'Bantuan untuk tiap perintah'));
    const edited = pantau('--help');
    expect(edited.stdout).toContain('Bantuan untuk tiap perintah');
    expect((await current()).build).not.toBe(built.build);
  }, 60_000);

  it("names the TypeScript sources in a failure's stack under --debug", async () => {
    const lake = await mkdtemp(join(tmpdir(), 'pantau-bundle-lake-'));
    try {
      const r = pantau('query', 'select * from tabel_tidak_ada', '--lake', lake, '--debug');
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(join(dir, 'functions', 'warehouse', 'analyst-query.ts'));
      expect(r.stderr).not.toContain('.mjs');
    } finally {
      await rm(lake, { recursive: true, force: true });
    }
  }, 60_000);
});
