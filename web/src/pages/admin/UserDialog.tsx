// A new account, or a change of an account's name, e-mail, role and office or agency. A new account's password is
// typed here or, left empty, made by the API and shown once on the users' page.
import { NativeSelect, PasswordInput, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../../api/client';
import { FormDialog } from './FormDialog';
import { fieldProblems, placementOf, ROLES, type Role } from './shared';

type User = Schemas['UserDto'];

export function UserDialog({
  user,
  offices,
  agencies,
  onClose,
  onSaved,
}: {
  user: User | null;
  offices: Schemas['OfficeDto'][];
  agencies: Schemas['PartnerAgencyDto'][];
  onClose: () => void;
  onSaved: (name: string, generatedPassword?: string) => void;
}) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [username, setUsername] = useState(user?.username ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [phone, setPhone] = useState(user?.phone ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'CASEWORKER');
  const [officeId, setOfficeId] = useState(user?.officeId ?? '');
  const [agencyId, setAgencyId] = useState(user?.agencyId ?? '');
  const [password, setPassword] = useState('');
  const place = placementOf(role);
  const save = useMutation({
    mutationFn: async () => {
      const placement = {
        officeId: place === 'office' ? officeId || undefined : undefined,
        agencyId: place === 'agency' ? agencyId || undefined : undefined,
      };
      if (user) {
        const body = {
          displayName,
          // null clears it (the generated type of a nullable field is not a string: see OfficeDialog)
          email: (email.trim() || null) as never,
          phone: phone.trim() || null,
          role,
          ...placement,
        };
        await ok(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body }));
        return undefined;
      }
      const body = {
        username,
        displayName,
        email: email.trim() || undefined,
        phone: phone.trim() || undefined,
        role,
        ...placement,
        password: password || undefined,
      };
      return (await ok(api.POST('/api/v1/users', { body }))).initialPassword;
    },
    onSuccess: (generated) => onSaved(displayName, generated),
  });
  const problems = fieldProblems(save.error);
  const problem = (field: string) => (problems[field] ? t(`admin.users.invalid.${field}`) : undefined);
  return (
    <FormDialog
      title={user ? t('admin.users.editTitle', { name: user.displayName }) : t('admin.users.addTitle')}
      saving={save}
      submitLabel={user ? t('admin.save') : t('admin.users.create')}
      onClose={onClose}
    >
      <TextInput
        label={t('admin.users.displayName')}
        required
        value={displayName}
        error={problem('displayName')}
        onChange={(e) => setDisplayName(e.currentTarget.value)}
        data-autofocus
      />
      {!user && (
        <TextInput
          label={t('admin.users.username')}
          description={t('admin.users.usernameHelp')}
          required
          value={username}
          error={problem('username')}
          onChange={(e) => setUsername(e.currentTarget.value)}
          autoComplete="off"
        />
      )}
      <TextInput
        label={t('admin.users.email')}
        type="email"
        value={email}
        error={problem('email')}
        onChange={(e) => setEmail(e.currentTarget.value)}
      />
      <TextInput
        label={t('admin.users.phone')}
        description={t('admin.users.phoneHelp')}
        type="tel"
        value={phone}
        error={problem('phone')}
        onChange={(e) => setPhone(e.currentTarget.value)}
      />
      <NativeSelect
        label={t('admin.users.role')}
        value={role}
        error={problem('role')}
        onChange={(e) => setRole(e.currentTarget.value as Role)}
        data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
      />
      {place === 'office' && (
        <NativeSelect
          label={t('admin.users.office')}
          required
          value={officeId}
          error={problem('officeId')}
          onChange={(e) => setOfficeId(e.currentTarget.value)}
          data={[{ value: '', label: t('admin.choose') }, ...offices.map((o) => ({ value: o.id, label: o.name }))]}
        />
      )}
      {place === 'agency' && (
        <NativeSelect
          label={t('admin.users.agency')}
          required
          value={agencyId}
          error={problem('agencyId')}
          onChange={(e) => setAgencyId(e.currentTarget.value)}
          data={[{ value: '', label: t('admin.choose') }, ...agencies.map((a) => ({ value: a.id, label: a.name }))]}
        />
      )}
      {!user && (
        <PasswordInput
          label={t('admin.users.password')}
          description={t('admin.users.passwordHelp')}
          value={password}
          error={problem('password')}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
        />
      )}
    </FormDialog>
  );
}
