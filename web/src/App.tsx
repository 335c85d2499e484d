import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth';
import { Layout } from './components/Layout';
import { Inbox } from './pages/Inbox';
import { SignIn } from './pages/SignIn';

// Every screen but the inbox (where a day starts) and the sign-in is a script of its own, loaded when first opened,
// so the first script stays small (the case page brings the action forms; the process page brings Mermaid).
const caseView = () => import('./pages/CaseView');
// a case page opened by its address (a link, a reload) fetches its script while the session is renewed, not after
if (/^\/cases\/[^/]+$/.test(window.location.pathname)) void caseView();
const CaseView = lazy(() => caseView().then((m) => ({ default: m.CaseView })));
const Cases = lazy(() => import('./pages/Cases').then((m) => ({ default: m.Cases })));
const Escalations = lazy(() => import('./pages/Escalations').then((m) => ({ default: m.Escalations })));
const Register = lazy(() => import('./pages/Register').then((m) => ({ default: m.Register })));
const Process = lazy(() => import('./pages/Process').then((m) => ({ default: m.Process })));
const Notifications = lazy(() => import('./pages/Notifications').then((m) => ({ default: m.Notifications })));
const NotificationSettings = lazy(() =>
  import('./pages/NotificationSettings').then((m) => ({ default: m.NotificationSettings })),
);
const RegisterBatch = lazy(() => import('./pages/RegisterBatch').then((m) => ({ default: m.RegisterBatch })));
const Reports = lazy(() => import('./pages/Reports').then((m) => ({ default: m.Reports })));

export function App() {
  const { user } = useAuth();
  if (!user) return <SignIn />;
  return (
    <Layout>
      <Suspense fallback={<Loader aria-label="…" />}>
        <Routes>
          <Route path="/" element={<Inbox />} />
          <Route path="/cases" element={<Cases />} />
          <Route path="/register" element={<Register />} />
          <Route path="/register/batch" element={<RegisterBatch />} />
          <Route path="/process" element={<Process />} />
          <Route path="/escalations" element={<Escalations />} />
          <Route path="/cases/:id" element={<CaseView />} />
          <Route path="/notifications" element={<Notifications />} />
          <Route path="/settings/notifications" element={<NotificationSettings />} />
          <Route path="/reports" element={<Reports />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
