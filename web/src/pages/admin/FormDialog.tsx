// The administration's forms in a dialog: the fields, the API's refusal under them, then "Batal" and the button that
// saves (Enter in a field saves too). The mutation is the caller's: what is sent, and what happens once it is saved.
import { Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminError } from './AdminError';

type Saving = { mutate: () => void; isPending: boolean; error: unknown };

export function FormDialog(props: {
  title: string;
  size?: 'lg';
  saving: Saving;
  submitLabel: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.saving.mutate();
  };
  return (
    <Modal
      opened
      onClose={props.onClose}
      size={props.size}
      title={props.title}
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {props.children}
          <AdminError error={props.saving.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('admin.cancel')}
            </Button>
            <Button type="submit" loading={props.saving.isPending}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
