// An office's name, address, phone, e-mail and time zone. A new zone applies to cases started after the change.
import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../../api/client';
import { FormDialog } from './FormDialog';
import { TIME_ZONES } from './shared';

type Office = Schemas['OfficeDto'];

// an emptied field clears it (null)
const orNull = (v: string) => (v.trim() || null) as never;

export function OfficeDialog({
  office,
  onClose,
  onSaved,
}: {
  office: Office;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(office.name);
  const [address, setAddress] = useState(office.address ?? '');
  const [phone, setPhone] = useState(office.phone ?? '');
  const [email, setEmail] = useState(office.email ?? '');
  const [timeZone, setTimeZone] = useState<Office['timeZone']>(office.timeZone);
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PATCH('/api/v1/offices/{id}', {
          params: { path: { id: office.id } },
          // the generated type of a nullable string field is not a string (openapi-typescript reads `nullable`
          // without `type` so); the API takes a string or null
          body: {
            name,
            timeZone,
            address: orNull(address),
            phone: orNull(phone),
            email: orNull(email),
          },
        }),
      ),
    onSuccess: onSaved,
  });
  return (
    <FormDialog
      title={t('admin.offices.editOf', { name: office.name })}
      saving={save}
      submitLabel={t('admin.save')}
      onClose={onClose}
    >
      <TextInput
        label={t('admin.offices.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        data-autofocus
      />
      <Textarea
        label={t('admin.offices.address')}
        description={t('admin.offices.addressHelp')}
        autosize
        minRows={2}
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
      />
      <TextInput label={t('admin.offices.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
      <TextInput
        label={t('admin.offices.email')}
        type="email"
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
      />
      <NativeSelect
        label={t('admin.offices.timeZone')}
        description={t('admin.offices.timeZoneHelp')}
        value={timeZone}
        onChange={(e) => setTimeZone(e.currentTarget.value as Office['timeZone'])}
        data={TIME_ZONES.map((z) => ({ value: z, label: t(`admin.zone.${z}`) }))}
      />
    </FormDialog>
  );
}
