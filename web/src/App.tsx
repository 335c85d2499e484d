import { Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { isPartner, useAuth } from './auth';
import { Layout } from './components/Layout';
import { Inbox } from './pages/Inbox';
import { SignIn } from './pages/SignIn';

// Every screen but the inbox (where a day starts) and the sign-in is a script of its own, loaded when first opened,
// so the first script stays small (the case page brings the action forms; the process page brings Mermaid).
// (a case page opened by its address fetches its script from the first script, main.tsx)
const CaseView = lazy(() => import('./pages/CaseView').then((m) => ({ default: m.CaseView })));
const Cases = lazy(() => import('./pages/Cases').then((m) => ({ default: m.Cases })));
const Escalations = lazy(() => import('./pages/Escalations').then((m) => ({ default: m.Escalations })));
const Register = lazy(() => import('./pages/Register').then((m) => ({ default: m.Register })));
const Process = lazy(() => import('./pages/Process').then((m) => ({ default: m.Process })));
const Notifications = lazy(() => import('./pages/Notifications').then((m) => ({ default: m.Notifications })));
const NotificationSettings = lazy(() =>
  import('./pages/NotificationSettings').then((m) => ({ default: m.NotificationSettings })),
);
const PartnerHome = lazy(() => import('./pages/PartnerHome').then((m) => ({ default: m.PartnerHome })));
const PartnerReferral = lazy(() => import('./pages/PartnerReferral').then((m) => ({ default: m.PartnerReferral })));
const Admin = lazy(() => import('./pages/admin').then((m) => ({ default: m.Admin })));
const RegisterBatch = lazy(() => import('./pages/RegisterBatch').then((m) => ({ default: m.RegisterBatch })));
const Reports = lazy(() => import('./pages/Reports').then((m) => ({ default: m.Reports })));
const SlaMove = lazy(() => import('./pages/SlaMove').then((m) => ({ default: m.SlaMove })));
const SlaPolicy = lazy(() => import('./pages/SlaPolicy').then((m) => ({ default: m.SlaPolicy })));

export function App() {
  const { user } = useAuth();
  if (!user) return <SignIn />;
  // a partner agency's users have their own home and pages; a staff address takes them home, as /partner/... takes
  // staff to theirs (the catch-all)
  if (isPartner(user))
    return (
      <Screens>
        <Route path="/" element={<PartnerHome />} />
        <Route path="/partner/referrals/:id" element={<PartnerReferral />} />
      </Screens>
    );
  return (
    <Screens>
      <Route path="/" element={user.role === 'ADMIN' ? <Navigate to="/admin/users" replace /> : <Inbox />} />
      <Route path="/cases" element={<Cases />} />
      <Route path="/register" element={<Register />} />
      <Route path="/register/batch" element={<RegisterBatch />} />
      <Route path="/process" element={<Process />} />
      <Route path="/escalations" element={<Escalations />} />
      <Route path="/cases/:id" element={<CaseView />} />
      <Route path="/reports" element={<Reports />} />
      <Route path="/sla" element={<SlaPolicy />} />
      <Route path="/sla/move" element={<SlaMove />} />
      <Route path="/admin/*" element={<Admin />} />
    </Screens>
  );
}

// The pages of a role, the ones every signed-in user has, and the catch-all that takes any other address home.
function Screens({ children }: { children: ReactNode }) {
  return (
    <Layout>
      <Suspense fallback={<Loader aria-label="…" />}>
        <Routes>
          {children}
          <Route path="/notifications" element={<Notifications />} />
          <Route path="/settings/notifications" element={<NotificationSettings />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
