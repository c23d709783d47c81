import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Names a Chromium-family browser has on PATH, in order of preference. */
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** What to install, as the one line `npm test` stops with when it finds no browser. */
export const INSTALL_HINT =
  'The browser tests need Chromium: on Debian/Ubuntu run `sudo apt-get install -y --no-install-recommends chromium`, elsewhere install Chromium or Chrome, or set CHROMIUM_PATH=/path/to/chromium.';

/** The machine as the lookup sees it (replaced in tests). */
export interface System {
  env: NodeJS.ProcessEnv;
  exists(path: string): boolean;
  /** Root on a Debian-family system with apt-get: the browser can be installed here. */
  canApt(): boolean;
  aptInstall(): void;
}

export const system: System = {
  env: process.env,
  exists: existsSync,
  canApt: () => process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get'),
  aptInstall: () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      stdio: 'ignore',
      env,
    });
  },
};

/** The first Chromium on PATH (or Debian's `/usr/bin/chromium`). */
function onPath(sys: System): string | undefined {
  const dirs = (sys.env.PATH ?? '').split(delimiter).filter(Boolean);
  return NAMES.flatMap((n) => dirs.map((d) => join(d, n))).find((p) => sys.exists(p));
}

/** A problem finding the browser; its message is the one line to show. */
export class ChromiumMissing extends Error {
  override name = 'ChromiumMissing';
}

/**
 * The Chromium the browser tests run: `CHROMIUM_PATH` when set (it must exist), else one on PATH, else
 * Debian's `chromium` package installed with apt-get when running as root on a Debian-family system.
 * Otherwise {@link ChromiumMissing} saying what to install. Never a downloaded browser.
 */
export function resolveChromium(sys: System = system): string {
  const given = sys.env.CHROMIUM_PATH;
  if (given) {
    if (sys.exists(given)) return given;
    throw new ChromiumMissing(`CHROMIUM_PATH=${given} does not exist. ${INSTALL_HINT}`);
  }
  const found = onPath(sys);
  if (found) return found;
  if (!sys.canApt()) throw new ChromiumMissing(INSTALL_HINT);
  try {
    sys.aptInstall();
  } catch {
    throw new ChromiumMissing(`apt-get could not install chromium. ${INSTALL_HINT}`);
  }
  const installed = onPath(sys) ?? (sys.exists('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  if (!installed)
    throw new ChromiumMissing(`apt-get installed chromium but it is not on PATH. ${INSTALL_HINT}`);
  return installed;
}
