import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../support/time-skipping';

// Histories of whole scenarios, recorded from the workflow tests (RECORD_HISTORIES=1) and committed. Replaying them
// against the current code fails the build on any non-deterministic change: such a change needs patched().
const HISTORIES = join(__dirname, 'histories');

describe('replay of committed histories', () => {
  const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));

  it('should have histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('should replay %s against the current workflow code', async (file) => {
    // saved with JSON.stringify of the fetched History message; fromObject reads it back (bytes as base64)
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')));
    await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, file.replace(/\.json$/, ''));
  });
});
