// The first script, small, so that a phone runs it soon: it draws the app shell (shell.ts), asks for the session and
// the first screen's data, draws the screen's title in the shell as soon as it is known, then loads the console
// itself (root.tsx, fetched beside this one: vite.config.ts lists it in index.html) and, on a case page opened by its
// address, the case page's script. The console is handed the session once the shell's title is on the screen.
import './mantine-styles';
import './console.css';
import type { Schemas } from './api/client';
import { caseQuery, isPartner, startFirstScreen } from './firstScreen';
import { drawShell, drawTitle, expectTitle, sessionKnown, shellWords, titleShown } from './shell';

const path = window.location.pathname;
const opened = /^\/cases\/([^/]+)$/.exec(path)?.[1];
drawShell();
const sent = startFirstScreen(path, (user, answers) => {
  if (!user || user.role === 'ADMIN' || isPartner(user)) return;
  const words = shellWords(user.id);
  if (path === '/') {
    drawTitle({ title: words.inbox.title }, user.id);
    return titleShown();
  }
  const answer = opened && answers.get(JSON.stringify(caseQuery(opened).queryKey));
  if (!answer) return;
  expectTitle();
  return (answer as Promise<Schemas['CaseResponseDto']>).then((c) => {
    drawTitle({ back: words.case.back, title: `${c.caseNumber} · ${c.person?.fullName ?? ''}` }, user.id);
    return titleShown();
  });
});
void sent.finally(sessionKnown);
// after the session's and the case's requests: the page's script is some twenty files, and a browser opens six
// connections to a server, so those requests would wait behind them
if (opened) void sent.finally(() => import('./pages/CaseView'));
// The console in three steps, each evaluated in a task of its own with a pause between them: React's DOM, Mantine,
// then the console itself (a slow phone's processor otherwise spends one long task on all of it, which Lighthouse
// counts as blocking time). A step that fails to load leaves the last one to try again (and report it).
const pause = () => new Promise((resolve) => setTimeout(resolve));
void import('react-dom/client')
  .then(pause)
  .then(() => import('@mantine/core'))
  .then(pause)
  .catch(() => undefined)
  .then(() => import('./root'));
