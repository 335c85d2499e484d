// The administration: one script of its own, loaded when an administrator first opens it. Any other role is told
// plainly that it is not theirs (the API refuses them as well).
import { Alert, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../../auth';
import { addWords } from '../../i18n';
import * as admin from '../../i18n/admin';
import * as casefile from '../../i18n/casefile';
import { Agencies } from './Agencies';
import { FailedDeliveries } from './FailedDeliveries';
import { Holidays } from './Holidays';
import { Offices } from './Offices';
import { SlaPolicies } from './SlaPolicies';
import { Users } from './Users';

// the services' names are the case file's
addWords(casefile, admin);

export function Admin() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (user?.role !== 'ADMIN') {
    return (
      <>
        <Title order={1} size="h2" mb="md">
          {t('admin.nav.title')}
        </Title>
        <Alert color="red" role="alert" title={t('admin.onlyAdmin')} />
      </>
    );
  }
  return (
    <Routes>
      <Route path="users" element={<Users />} />
      <Route path="offices" element={<Offices />} />
      <Route path="agencies" element={<Agencies />} />
      <Route path="holidays" element={<Holidays />} />
      <Route path="sla" element={<SlaPolicies />} />
      <Route path="failed" element={<FailedDeliveries />} />
      <Route path="*" element={<Navigate to="users" replace />} />
    </Routes>
  );
}
