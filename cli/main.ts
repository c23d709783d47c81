import { UsageError } from './args.ts';

/** One CLI command: `cli/<name>.ts` exports it as `command`. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Each flag or argument with the form of its values (Bahasa Indonesia), for `--help`. */
  options: readonly (readonly [flag: string, forms: string])[];
  /** One command line that works on the demo lake. */
  example: string;
  /** Returns the exit code. */
  run(argv: string[]): Promise<number>;
}

type Module = Promise<{ command: Command }>;

/** Every command, in help order, loaded when used. */
const LOADERS: Record<string, () => Module> = {
  demo: () => import('./demo.ts'),
  generate: () => import('./generate.ts'),
  ingest: () => import('./ingest.ts'),
  transform: () => import('./transform.ts'),
  evaluate: () => import('./evaluate.ts'),
  query: () => import('./query.ts'),
  dashboard: () => import('./dashboard.ts'),
  serve: () => import('./serve.ts'),
  users: () => import('./users.ts'),
  remind: () => import('./remind.ts'),
};
/** Command names, in help order. */
export const COMMANDS = Object.keys(LOADERS);

/** `--lake`: shared by every command that reads or writes a lake. */
export const LAKE_OPTION = ['--lake DIR', 'folder lake; bawaan PANTAU_LAKE atau ./.pantau'] as const;
/** The `--methodology` flag of transform and evaluate. */
export const METHODOLOGY_OPTION = [
  '--methodology v1|v2',
  'versi metodologi (bawaan v2; v1 membangun ulang snapshot lama)',
] as const;

async function load(name: string): Promise<Command | undefined> {
  return Object.hasOwn(LOADERS, name) ? (await LOADERS[name]!()).command : undefined;
}

async function help(): Promise<string> {
  const lines = ['pantau — gudang data partisipasi pelayanan publik', '', 'Perintah:'];
  for (const name of COMMANDS) {
    const c = (await load(name))!;
    lines.push(`  ${c.usage}`, `      ${c.summary}`);
  }
  lines.push(
    '',
    'Bantuan tiap perintah: pantau PERINTAH --help. Tambahkan --debug untuk jejak galat lengkap.',
    'Lake bawaan: ./.pantau (atau PANTAU_LAKE). Kode keluar: 0 selesai, 1 gagal, 2 salah pemakaian.',
  );
  return lines.join('\n');
}

/** `pantau CMD --help`: usage, what it does, the forms of its values, an example. */
export function commandHelp(c: Command): string {
  const width = Math.max(...c.options.map(([flag]) => flag.length));
  return [
    c.usage,
    `  ${c.summary}`,
    '',
    ...c.options.map(([flag, forms]) => `  ${flag.padEnd(width)}  ${forms}`),
    '',
    `Contoh: ${c.example}`,
  ].join('\n');
}

/** Print a failure as one line: a usage error exits 2, anything else 1 (its stack only with `--debug`). */
function report(e: unknown, command: Command, debug: boolean): number {
  if (e instanceof UsageError) {
    console.error(`Salah pemakaian: ${e.message} (lihat: pantau ${command.name} --help)`);
    return 2;
  }
  const message = e instanceof Error ? e.message : String(e);
  console.error(
    `Gagal: ${message.split('\n')[0]}${debug ? '' : ' (jalankan lagi dengan --debug untuk rinciannya)'}`,
  );
  if (debug) console.error(e instanceof Error && e.stack?.includes('\n    at ') ? e.stack : message);
  return 1;
}

/** Run `pantau` with its arguments (without `node` and the script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug') || Boolean(process.env.PANTAU_DEBUG);
  const [name, ...rest] = argv.filter((a) => a !== '--debug');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name ? 0 : 2;
  }
  const command = await load(name);
  if (!command) {
    console.error(
      `Perintah tidak dikenal: ${name}; perintah yang ada: ${COMMANDS.join(', ')} (lihat: pantau --help)`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    return report(e, command, debug);
  }
}
