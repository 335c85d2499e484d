import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

export default async function e2eGlobalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__rujukanE2e as
    { pg: { stop: () => Promise<void> }; temporal: { stop: () => Promise<void> }; dataDirectory: string } | undefined;
  if (!state) return;
  await state.temporal.stop();
  await state.pg.stop();
  rmSync(dirname(state.dataDirectory), { recursive: true, force: true });
}
