// The first script, small, so that a phone runs it soon: it asks for the session and the first screen's data, then
// loads the console itself (root.tsx, fetched beside this one: vite.config.ts lists it in index.html), and on a case
// page opened by its address the case page's script.
import './mantine-styles';
import './console.css';
import { startFirstScreen } from './firstScreen';

const sent = startFirstScreen();
// after the session's and the case's requests: the page's script is some twenty files, and a browser opens six
// connections to a server, so those requests would wait behind them
if (/^\/cases\/[^/]+$/.test(window.location.pathname)) void sent.finally(() => import('./pages/CaseView'));
void import('./root');
