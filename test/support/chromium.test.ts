import { describe, expect, it } from 'vitest';
import { ChromiumMissing, INSTALL_HINT, resolveChromium, type System } from './chromium.ts';

/** A machine with the given files, PATH and apt-get ability; records installs. */
function machine(o: { files?: string[]; env?: NodeJS.ProcessEnv; apt?: boolean; installs?: string }) {
  const files = new Set(o.files ?? []);
  const calls: string[] = [];
  const sys: System = {
    env: { PATH: '/usr/local/bin:/usr/bin', ...o.env },
    exists: (p) => files.has(p),
    canApt: () => o.apt ?? false,
    aptInstall: () => {
      calls.push('apt-get install chromium');
      if (!o.installs) throw new Error('E: Unable to locate package chromium');
      files.add(o.installs);
    },
  };
  return { sys, calls };
}

describe('finding Chromium for the browser tests', () => {
  it('honours CHROMIUM_PATH, and names it when it points nowhere', () => {
    expect(
      resolveChromium(machine({ files: ['/opt/c/chrome'], env: { CHROMIUM_PATH: '/opt/c/chrome' } }).sys),
    ).toBe('/opt/c/chrome');
    const nowhere = machine({ files: ['/usr/bin/chromium'], env: { CHROMIUM_PATH: '/nowhere/chromium' } });
    expect(() => resolveChromium(nowhere.sys)).toThrow(
      `CHROMIUM_PATH=/nowhere/chromium does not exist. ${INSTALL_HINT}`,
    );
  });

  it('takes a Chromium on PATH without installing anything', () => {
    const m = machine({ files: ['/usr/bin/chromium'], apt: true });
    expect(resolveChromium(m.sys)).toBe('/usr/bin/chromium');
    expect(m.calls).toEqual([]);
  });

  it('installs Debian chromium with apt-get as root on a Debian-family system', () => {
    const m = machine({ apt: true, installs: '/usr/bin/chromium' });
    expect(resolveChromium(m.sys)).toBe('/usr/bin/chromium');
    expect(m.calls).toEqual(['apt-get install chromium']);
  });

  it('otherwise stops with one line saying what to install', () => {
    const cannot = machine({});
    expect(() => resolveChromium(cannot.sys)).toThrow(ChromiumMissing);
    expect(() => resolveChromium(cannot.sys)).toThrow(INSTALL_HINT);
    expect(INSTALL_HINT).not.toContain('\n');
    const failing = machine({ apt: true });
    expect(() => resolveChromium(failing.sys)).toThrow(`apt-get could not install chromium. ${INSTALL_HINT}`);
  });
});
