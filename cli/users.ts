import { resolve } from 'node:path';
import { LocalStore } from '#core/local-store.ts';
import { HttpError } from '#web/identity.ts';
import { addUser, listUsers } from '#web/users.ts';
import { lakeDir, parse, UsageError } from './args.ts';
import type { Command } from './main.ts';
import { readSecret } from './secret.ts';

const USAGE =
  'pantau users add [--lake DIR] --email E (--region R | --ministry) [--password-stdin]  |  pantau users list [--lake DIR]';

export const command: Command = {
  name: 'users',
  usage: USAGE,
  summary:
    'Kelola akun aplikasi web lokal: petugas wilayah (--region) atau staf kementerian (--ministry). Kata sandi hanya disimpan sebagai hash scrypt.',
  async run(argv) {
    const [action, ...rest] = argv;
    const { values } = parse(rest, {
      lake: { type: 'string' },
      email: { type: 'string' },
      region: { type: 'string' },
      ministry: { type: 'boolean', default: false },
      'password-stdin': { type: 'boolean', default: false },
    });
    const store = new LocalStore(resolve(lakeDir(values.lake)));
    if (action === 'list') {
      for (const u of await listUsers(store))
        console.log(
          `${u.email}\t${u.role === 'ministry' ? 'kementerian' : `petugas ${u.region_code}`}\t${u.created_at}`,
        );
      return 0;
    }
    if (action !== 'add') throw new UsageError('gunakan "users add" atau "users list"');
    if (!values.email) throw new UsageError('--email wajib');
    if (Boolean(values.region) === values.ministry)
      throw new UsageError('pilih salah satu: --region R atau --ministry');
    const password = await readSecret(`Kata sandi untuk ${values.email}: `, values['password-stdin']);
    try {
      const user = await addUser(store, { email: values.email, region: values.region, password });
      console.log(
        `Akun dibuat: ${user.email} (${user.role === 'ministry' ? 'kementerian' : `petugas wilayah ${user.region_code}`})`,
      );
      return 0;
    } catch (e) {
      if (e instanceof HttpError && e.status === 400) throw new UsageError(e.message);
      throw e;
    }
  },
};
