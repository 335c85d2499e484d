// Whether the API answers: every request through the client reports here (client.ts). While it does not (no
// answer at all, or a 503), TanStack Query is told the console is offline, so queries pause their retries instead
// of running out of them, and the API is probed with backoff; at the first good answer the paused queries carry on
// by themselves. Nothing is remounted: what a form holds stays in it.
import { onlineManager } from '@tanstack/react-query';

export type Connection = 'ok' | 'unreachable' | 'unavailable';

const FIRST_DELAY_MS = 1000;
const LONGEST_DELAY_MS = 15_000;

let state: Connection = 'ok';
const listeners = new Set<() => void>();
let probe: () => Promise<unknown> = () => Promise.resolve();
let timer: ReturnType<typeof setTimeout> | undefined;
let delay = FIRST_DELAY_MS;

export function connection(): Connection {
  return state;
}

export function onConnectionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// What the last answer (or its absence) said of the API.
export function reportConnection(next: Connection): void {
  // also when unchanged: the browser's own online event may have told TanStack Query otherwise meanwhile
  onlineManager.setOnline(next === 'ok');
  if (next === state) return;
  state = next;
  if (next === 'ok') {
    clearTimeout(timer);
    timer = undefined;
    delay = FIRST_DELAY_MS;
  } else if (timer === undefined) {
    schedule();
  }
  for (const l of listeners) l();
}

// The request that tells whether the API is back (its answer is reported like any other).
export function setConnectionProbe(fn: () => Promise<unknown>): void {
  probe = fn;
}

// Now, not at the next turn of the backoff (the banner's button, the browser coming back online).
export function probeNow(): void {
  if (state === 'ok') return;
  clearTimeout(timer);
  timer = undefined;
  void runProbe();
}

function schedule(): void {
  timer = setTimeout(() => {
    timer = undefined;
    void runProbe();
  }, delay);
  delay = Math.min(delay * 2, LONGEST_DELAY_MS);
}

async function runProbe(): Promise<void> {
  try {
    await probe();
  } catch {
    // reported by the client already
  }
  if (state !== 'ok' && timer === undefined) schedule();
}

window.addEventListener('online', probeNow);
