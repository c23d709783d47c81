/** Read a password: one line from stdin (`--password-stdin`), or typed at a terminal without echo. */
export async function readSecret(prompt: string, fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  if (!process.stdin.isTTY) throw new Error('kata sandi: gunakan --password-stdin bila tidak di terminal');
  process.stderr.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let typed = '';
  try {
    for await (const chunk of process.stdin) {
      for (const ch of (chunk as Buffer).toString('utf8')) {
        if (ch === '\r' || ch === '\n') return typed;
        if (ch === '\u0003') throw new Error('dibatalkan');
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    }
    return typed;
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
    process.stderr.write('\n');
  }
}
