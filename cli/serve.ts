import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createLocalApp } from '#web/local.ts';
import { lakeDir, parse, UsageError } from './args.ts';
import { type Command, LAKE_OPTION } from './main.ts';

export const command: Command = {
  name: 'serve',
  usage: 'pantau serve [--lake DIR] [--port N] [--host H]',
  summary: 'Jalankan aplikasi web (unggah petugas wilayah, status, dasbor kementerian) di atas lake lokal.',
  options: [
    LAKE_OPTION,
    ['--port N', 'port TCP 0–65535 (bawaan 8080)'],
    ['--host H', 'alamat yang didengar (bawaan 127.0.0.1)'],
  ],
  example: 'pantau serve --lake ./.pantau --port 8080',
  async run(argv) {
    const { values } = parse(argv, {
      lake: { type: 'string' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port harus bilangan 0–65535, bukan "${values.port}"`);
    const app = await createLocalApp(resolve(lakeDir(values.lake)));
    const server = serve({ fetch: app.fetch, port, hostname: values.host }, (info) =>
      console.log(
        `Pantau web: http://${values.host}:${info.port}/  (lake ${resolve(lakeDir(values.lake))}; Ctrl+C untuk berhenti)`,
      ),
    );
    await new Promise<void>((done) => {
      const stop = () => server.close(() => done());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
