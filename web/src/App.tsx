import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth';
import { Layout } from './components/Layout';
import { CaseView } from './pages/CaseView';
import { Cases } from './pages/Cases';
import { Escalations } from './pages/Escalations';
import { Inbox } from './pages/Inbox';
import { Register } from './pages/Register';
import { SignIn } from './pages/SignIn';

export function App() {
  const { user } = useAuth();
  if (!user) return <SignIn />;
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<Inbox />} />
        <Route path="/cases" element={<Cases />} />
        <Route path="/register" element={<Register />} />
        <Route path="/escalations" element={<Escalations />} />
        <Route path="/cases/:id" element={<CaseView />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Layout>
  );
}
