import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth';
import { Layout } from './components/Layout';
import { CaseView } from './pages/CaseView';
import { Cases } from './pages/Cases';
import { Escalations } from './pages/Escalations';
import { Inbox } from './pages/Inbox';
import { Register } from './pages/Register';
import { SignIn } from './pages/SignIn';

// screens opened now and then, each a script of its own, so the first one stays small (the process page brings Mermaid)
const Process = lazy(() => import('./pages/Process').then((m) => ({ default: m.Process })));
const RegisterBatch = lazy(() => import('./pages/RegisterBatch').then((m) => ({ default: m.RegisterBatch })));

export function App() {
  const { user } = useAuth();
  if (!user) return <SignIn />;
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<Inbox />} />
        <Route path="/cases" element={<Cases />} />
        <Route path="/register" element={<Register />} />
        <Route
          path="/register/batch"
          element={
            <Suspense>
              <RegisterBatch />
            </Suspense>
          }
        />
        <Route
          path="/process"
          element={
            <Suspense>
              <Process />
            </Suspense>
          }
        />
        <Route path="/escalations" element={<Escalations />} />
        <Route path="/cases/:id" element={<CaseView />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Layout>
  );
}
