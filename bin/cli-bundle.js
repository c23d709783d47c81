// The CLI's TypeScript bundled by esbuild into node_modules/.cache/pantau-cli, built on first use and again
// whenever one of its sources changed, so that a process starts without the TypeScript loader (~0.3 s of
// wall time and ~0.5 s of CPU less each: docs/performance.md, "The CLI bundled"). Each build is a folder
// named by its contents, never changed once written: a running process may still load a lazy chunk from the
// build it started with after a newer one is made. `current.json` names the latest build, the checkout it
// was made in (the bundle holds its absolute paths) and the size and modification time of each source it
// read.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'pantau-cli');
const CURRENT = join(CACHE, 'current.json');
/** Files that shape the build besides the sources it reads. */
const SETTINGS = ['package.json', 'tsconfig.json', 'node_modules/.package-lock.json', 'bin/cli-bundle.js'];
/** Builds kept besides the current one, for processes started before it. */
const KEEP = 3;

/** The bundled CLI's entry as a file URL, built first when missing or stale; null when it cannot be built. */
export async function bundledCli() {
  try {
    return pathToFileURL(entryOf(currentBuild() ?? (await buildCli()))).href;
  } catch {
    return null;
  }
}

/** The latest build, if it was made here from the sources as they are. */
function currentBuild() {
  try {
    const { root, build, sources } = JSON.parse(readFileSync(CURRENT, 'utf8'));
    const fresh = root === ROOT && sources.every((s) => sameFile(...s)) && existsSync(entryOf(build));
    return fresh ? build : null;
  } catch {
    return null;
  }
}

const entryOf = (build) => join(CACHE, String(build), 'main.mjs');

function fileStamp(file) {
  const s = statSync(join(ROOT, file), { throwIfNoEntry: false });
  return s ? [file, s.size, s.mtimeMs] : [file, -1, -1];
}

function sameFile(file, size, mtime) {
  const [, s, m] = fileStamp(file);
  return s === size && m === mtime;
}

async function buildCli() {
  const { build } = await import('esbuild');
  const { createHash, randomUUID } = await import('node:crypto');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  // dt-sql-parser's ESM files import each other without extensions, which only a bundler resolves
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((name) => name !== 'dt-sql-parser')
    .flatMap((name) => [name, `${name}/*`]);
  const sources = [];
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['cli/main.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: 'out',
    outExtension: { '.js': '.mjs' },
    external,
    sourcemap: 'linked',
    sourceRoot: pathToFileURL(join(ROOT, 'out/')).href, // the maps' sources as seen from `outdir`
    sourcesContent: false,
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'sources',
        setup(b) {
          // Each source stamped before it is read (an edit during the build makes the next start rebuild),
          // and its `import.meta.url` kept as its own file's, for the files it finds beside itself.
          b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
            sources.push(fileStamp(relative(ROOT, path)));
            const text = await readFile(path, 'utf8');
            const url = JSON.stringify(pathToFileURL(path).href);
            return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
          });
        },
      },
    ],
  });
  const files = result.outputFiles.map((f) => ({
    name: relative(join(ROOT, 'out'), f.path),
    contents: f.contents,
  }));
  files.sort((a, b) => a.name.localeCompare(b.name));
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.name).update(f.contents);
  const name = hash.digest('hex').slice(0, 16);

  mkdirSync(CACHE, { recursive: true });
  const tmp = join(CACHE, `tmp-${randomUUID()}`);
  for (const f of files) {
    mkdirSync(dirname(join(tmp, f.name)), { recursive: true });
    writeFileSync(join(tmp, f.name), f.contents);
  }
  const folder = join(CACHE, name);
  try {
    renameSync(tmp, folder);
  } catch {
    // The same build was made before. A folder appears whole, so one without an entry was damaged since:
    // set aside, then replaced.
    if (!existsSync(entryOf(name))) {
      const damaged = join(CACHE, `tmp-${randomUUID()}`);
      renameSync(folder, damaged);
      rmSync(damaged, { recursive: true, force: true });
      renameSync(tmp, folder);
    } else {
      rmSync(tmp, { recursive: true, force: true });
      const now = new Date(); // now the newest, for pruneBuilds
      utimesSync(folder, now, now);
    }
  }
  const current = { root: ROOT, build: name, sources: [...SETTINGS.map(fileStamp), ...sources] };
  const next = `${CURRENT}.${randomUUID()}`;
  writeFileSync(next, JSON.stringify(current));
  renameSync(next, CURRENT);
  pruneBuilds(name);
  return name;
}

function pruneBuilds(keep) {
  try {
    pruneOlder(keep);
  } catch {
    // another process pruning at the same time; the next build prunes again
  }
}

function pruneOlder(keep) {
  const folders = readdirSync(CACHE, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== keep)
    .map((d) => ({ name: d.name, mtime: statSync(join(CACHE, d.name)).mtimeMs }));
  const builds = folders.filter((f) => !f.name.startsWith('tmp-')).sort((a, b) => b.mtime - a.mtime);
  // a build being written is a few seconds old; one an hour old was left by a process that stopped
  const abandoned = folders.filter((f) => f.name.startsWith('tmp-') && f.mtime < Date.now() - 3_600_000);
  for (const old of [...builds.slice(KEEP), ...abandoned]) {
    rmSync(join(CACHE, old.name), { recursive: true, force: true });
  }
}
