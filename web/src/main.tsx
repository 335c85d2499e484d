// The first script, small, so that a phone runs it soon: it draws the app shell (shell.ts), asks for the session and
// the first screen's data, draws the screen's title in the shell as soon as it is known, then loads the console
// itself (root.tsx) and, on a case page opened by its address, the case page's script. The console is handed the session once the shell's title is on the screen.
import './mantine-styles';
import './console.css';
import type { Schemas } from './api/client';
import { caseQuery, isPartner, startFirstScreen } from './firstScreen';
import { drawShell, drawTitle, expectTitle, sessionKnown, shellWords, titleShown } from './shell';

const path = window.location.pathname;
const opened = /^\/cases\/([^/]+)$/.exec(path)?.[1];
drawShell();
// Settles once the shell's title is on the screen, or at once when it has none to show; the console's scripts are
// asked for only then, so that on a slow connection they do not share it with the session's and the first screen's
// answers (vite.config.ts does not list them in the page).
let titleDone: () => void = () => undefined;
const titled = new Promise<void>((resolve) => (titleDone = resolve));
const TITLE_AT_MOST = 3000; // ms: a case that does not answer does not hold the console back
let told = false;
const showing = (p?: Promise<unknown>) => {
  told = true;
  void (p ?? Promise.resolve()).finally(titleDone);
  return p;
};
const sent = startFirstScreen(path, (user, answers) => {
  if (!user || user.role === 'ADMIN' || isPartner(user)) return showing();
  const words = shellWords(user.id);
  if (path === '/') {
    drawTitle({ title: words.inbox.title }, user.id);
    return showing(titleShown());
  }
  const answer = opened && answers.get(JSON.stringify(caseQuery(opened).queryKey));
  if (!answer) return showing();
  expectTitle();
  return showing(
    (answer as Promise<Schemas['CaseResponseDto']>).then((c) => {
      drawTitle({ back: words.case.back, title: `${c.caseNumber} · ${c.person?.fullName ?? ''}` }, user.id);
      return titleShown();
    }),
  );
});
void sent.finally(sessionKnown);
// (no answer to tell: a sign-out was waiting to be sent, or the network failed)
void sent.finally(() => (told ? setTimeout(titleDone, TITLE_AT_MOST) : titleDone()));
// the case page's script is some twenty files, and a browser opens six connections to a server
if (opened) void titled.then(() => import('./pages/CaseView'));
// The console in three steps, each evaluated in a task of its own with a pause between them: React's DOM, Mantine,
// then the console itself (a slow phone's processor otherwise spends one long task on all of it, which Lighthouse
// counts as blocking time). A step that fails to load leaves the last one to try again (and report it).
const pause = () => new Promise((resolve) => setTimeout(resolve));
void titled
  .then(() => import('react-dom/client'))
  .then(pause)
  .then(() => import('@mantine/core'))
  .then(pause)
  .catch(() => undefined)
  .then(() => import('./root'));
