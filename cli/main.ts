import { UsageError } from './args.ts';

/** One CLI command: `cli/<name>.ts` exports it as `command`. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Returns the exit code. */
  run(argv: string[]): Promise<number>;
}

const COMMANDS = [
  'demo',
  'generate',
  'ingest',
  'transform',
  'evaluate',
  'query',
  'dashboard',
  'serve',
  'users',
  'remind',
] as const;

async function load(name: string): Promise<Command | undefined> {
  if (!(COMMANDS as readonly string[]).includes(name)) return undefined;
  try {
    return ((await import(`./${name}.ts`)) as { command: Command }).command;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String(e).includes(`${name}.ts`))
      return undefined;
    throw e;
  }
}

async function help(): Promise<string> {
  const lines = ['pantau — gudang data partisipasi pelayanan publik', '', 'Perintah:'];
  for (const name of COMMANDS) {
    const c = await load(name);
    if (c) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  }
  lines.push(
    '',
    'Lake bawaan: ./.pantau (atau PANTAU_LAKE). Kode keluar: 0 selesai, 1 gagal, 2 salah pemakaian.',
  );
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name ? 0 : 2;
  }
  const command = await load(name);
  if (!command) {
    console.error(`Perintah tidak dikenal: ${name}\n\n${await help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.usage}\n  ${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`Salah pemakaian: ${e.message}\n${command.usage}`);
      return 2;
    }
    console.error(`Gagal: ${(e as Error).message}`);
    if (process.env.PANTAU_DEBUG) console.error(e);
    return 1;
  }
}
