// The app shell: the console's frame (the header with its name, the menu's column on a wide screen) and the first
// screen's title, drawn by the first script with the DOM alone, so that a phone shows the page a second or two before
// React, Mantine and the screen's script have arrived and run. It is a picture laid over the page, not a part of it:
// inert, hidden from screen readers, and letting clicks through; it goes as soon as the console has drawn a title of
// its own (or anything, where the shell has no title to show), so what the user reads and uses is always React's.
import { en } from './i18n/en';
import { id } from './i18n/id';
import { storedLanguage } from './i18n/language';

const WORDS = { id, en };
const NOTHING_TO_SHOW = 3000; // ms after the console drew something without a title: the shell goes anyway

let shell: HTMLElement | null = null;
// whether the shell shows a title, or will once the first screen's data has come: the console then takes over when
// it has drawn its own
let titled = false;

function el(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text) e.textContent = text;
  return e;
}

// The frame, before the session is known: the header and the page's empty body, as every screen of the console
// (the sign-in's too) begins.
export function drawShell(): void {
  const words = WORDS[storedLanguage()];
  shell = el('div', 'first-shell');
  shell.setAttribute('aria-hidden', 'true');
  shell.inert = true;
  const header = el('div', 'first-shell-header');
  header.append(el('span', 'first-shell-burger'), el('span', 'first-shell-name', words.app.name));
  header.append(el('span', 'first-shell-tagline', words.app.tagline));
  const main = el('div', 'first-shell-main');
  shell.append(header, main);
  document.body.append(shell);
  watchConsole();
}

// The first screen's title, once the session is known: the inbox's, or a case's number and name once it answered.
// Nothing for a partner agency's user, an administrator (their own screens) or another address.
export function drawTitle(lines: { back?: string; title: string }, userId: string): void {
  if (!shell) return;
  const words = WORDS[storedLanguage(userId)];
  document.documentElement.lang = storedLanguage(userId);
  shell.classList.add('first-shell-signed-in');
  shell.querySelector('.first-shell-name')!.textContent = words.app.name;
  shell.querySelector('.first-shell-tagline')!.textContent = words.app.tagline;
  const main = shell.querySelector('.first-shell-main')!;
  main.replaceChildren();
  if (lines.back) main.append(el('div', 'first-shell-back', `← ${lines.back}`));
  main.append(el('div', 'first-shell-title', lines.title));
  titled = true;
}

// Resolves once the shell's title is on the screen: after the next frame's paint (or a tenth of a second, in a tab
// the browser does not draw).
export function titleShown(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => setTimeout(resolve, 0);
    requestAnimationFrame(done);
    setTimeout(resolve, 100);
  });
}

// A title will come (a case's, once it has answered): the shell waits for the console's own title until then.
export function expectTitle(): void {
  titled = true;
}

export const shellWords = (userId: string) => WORDS[storedLanguage(userId)];
export function removeShell(): void {
  shell?.remove();
  shell = null;
}

// Whether the session is still being asked for: the console meanwhile draws only its name, and the shell stays.
let sessionPending = true;

// The session is known (or could not be asked for): from now on the console may take over.
export function sessionKnown(): void {
  sessionPending = false;
  check?.();
}

let check: (() => void) | undefined;

// The console takes over, once the session is known, when it has drawn its own title (an h1), or, when the shell
// shows none, anything at all; a screen that draws no title (an error) takes over a few seconds after it drew.
function watchConsole(): void {
  const root = document.getElementById('root')!;
  let fallback: number | undefined;
  const observer = new MutationObserver(() => check?.());
  check = () => {
    if (!shell) return observer.disconnect();
    if (sessionPending || !root.firstChild) return;
    if (!titled || root.querySelector('h1')) {
      observer.disconnect();
      window.clearTimeout(fallback);
      removeShell();
    } else fallback ??= window.setTimeout(() => (observer.disconnect(), removeShell()), NOTHING_TO_SHOW);
  };
  observer.observe(root, { childList: true, subtree: true });
}
