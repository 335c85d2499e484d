// The case's documents: the list (kind, name, size, who uploaded them and when), upload with the API's limits, each
// one opened in a new tab or saved, and deleted with a reason (the record stays, with who deleted it and why).
import { Alert, Button, FileInput, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure, ok, type Schemas } from '../../api/client';
import { errorText } from '../../components/ErrorNotice';
import { formatDateTime } from '../../format';
import { id as words } from '../../i18n/casefile';
import { openInNewTab, saveAs, sizeWords } from './files';
import { Section } from '../../components/Section';

type Doc = Schemas['DocumentDto'];
type Kind = Doc['kind'];

// the kinds the API takes, as the words file names each of them
const KINDS = Object.keys(words.casefile.kind) as Kind[];
// the API's limits (document-kinds.ts), told before the upload rather than after it
export const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'application/pdf,image/jpeg,image/png';

// An answer about a file in words: too large, not a PDF/JPEG/PNG, no file, deleted; anything else as the console says it.
export function fileErrorText(t: (k: string, o?: Record<string, unknown>) => string, err: unknown): string {
  if (!(err instanceof ApiFailure)) return errorText(t, err);
  const words: Record<string, string> = {
    DOCUMENT_TOO_LARGE: 'casefile.tooLarge',
    DOCUMENT_TYPE_NOT_ACCEPTED: 'casefile.wrongType',
    DOCUMENT_REQUIRED: 'casefile.noFile',
    DOCUMENT_DELETED: 'casefile.gone',
    DOCUMENT_UNREADABLE: 'casefile.gone',
    POPUP_BLOCKED: 'casefile.popupBlocked',
  };
  const key = words[err.code];
  return key ? t(key) : errorText(t, err);
}

// A document opened in a new tab or saved, each button named with the file for a screen reader.
export function FileButtons({
  filename,
  load,
  act,
}: {
  filename: string;
  load: () => Promise<Blob>;
  act: (run: () => Promise<void>) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Button
        size="xs"
        variant="light"
        aria-label={t('casefile.open', { name: filename })}
        onClick={() => act(() => openInNewTab(load))}
      >
        {t('casefile.open', { name: '' }).trim()}
      </Button>
      <Button
        size="xs"
        variant="default"
        aria-label={t('casefile.download', { name: filename })}
        onClick={() => act(() => saveAs(load, filename))}
      >
        {t('casefile.download', { name: '' }).trim()}
      </Button>
    </>
  );
}

export function Documents({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const path = { params: { path: { id: caseId } } };
  const list = useQuery({
    queryKey: ['documents', caseId],
    queryFn: () => ok(api.GET('/api/v1/cases/{id}/documents', path)),
  });
  const [failure, setFailure] = useState<unknown>(null);
  const [removing, setRemoving] = useState<Doc | null>(null);
  const file = (d: Doc) => () =>
    ok(
      api.GET('/api/v1/cases/{id}/documents/{docId}', {
        params: { path: { id: caseId, docId: d.id } },
        parseAs: 'blob',
      }),
    ) as Promise<Blob>;
  const act = (run: () => Promise<void>) => {
    setFailure(null);
    run().catch(setFailure);
  };

  return (
    <Section id="documents" title={t('casefile.documents')}>
      <Stack>
        <Upload caseId={caseId} />
        {failure ? (
          <Alert color="red" role="alert" title={fileErrorText(t, failure)}>
            {null}
          </Alert>
        ) : null}
        {list.error ? (
          <Alert color="red" role="alert" title={errorText(t, list.error)}>
            {null}
          </Alert>
        ) : null}
        {list.data && !list.data.items.length ? <Text size="sm">{t('casefile.noDocuments')}</Text> : null}
        {list.data?.items.length ? (
          <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }}>
            {list.data.items.map((d) => (
              <Group
                component="li"
                key={d.id}
                justify="space-between"
                wrap="wrap"
                gap="xs"
                py="xs"
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
              >
                <div>
                  <Text size="sm">{t(`casefile.kind.${d.kind}`)}</Text>
                  <Text size="sm" fw={500} td={d.deletedAt ? 'line-through' : undefined}>
                    {d.filename}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {sizeWords(t, d.size, i18n.language)} ·{' '}
                    {t('casefile.uploadedBy', {
                      who: d.uploadedByName ?? t('casefile.someone'),
                      when: formatDateTime(d.uploadedAt),
                    })}
                  </Text>
                  {d.deletedAt ? (
                    <Text size="xs" c="red.9">
                      {t('casefile.deleted', {
                        who: d.deletedByName ?? t('case.system'),
                        when: formatDateTime(d.deletedAt),
                        reason: d.deleteReason ?? '',
                      })}
                    </Text>
                  ) : null}
                </div>
                {d.deletedAt ? null : (
                  <Group gap="xs" wrap="nowrap">
                    <FileButtons filename={d.filename} load={file(d)} act={act} />
                    <Button
                      size="xs"
                      variant="outline"
                      color="red.9"
                      aria-label={t('casefile.remove', { name: d.filename })}
                      onClick={() => setRemoving(d)}
                    >
                      {t('casefile.remove', { name: '' }).trim()}
                    </Button>
                  </Group>
                )}
              </Group>
            ))}
          </Stack>
        ) : null}
      </Stack>
      {removing ? <Remove caseId={caseId} doc={removing} onClose={() => setRemoving(null)} /> : null}
    </Section>
  );
}

function Upload({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [kind, setKind] = useState<Kind>('SIGNED_CONSENT');
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File | null) => {
      if (!f) throw new ApiFailure(422, { error: 'DOCUMENT_REQUIRED', message: '' });
      // said at once rather than after sending 10 MB over a port's connection; the API refuses it the same way
      if (f.size > MAX_BYTES) throw new ApiFailure(413, { error: 'DOCUMENT_TOO_LARGE', message: '' });
      return ok(
        api.POST('/api/v1/cases/{id}/documents', {
          params: { path: { id: caseId } },
          body: { kind, file: f.name },
          bodySerializer: () => {
            const form = new FormData();
            form.append('kind', kind);
            form.append('file', f);
            return form;
          },
        }),
      );
    },
    onSuccess: (d) => {
      setDone(d.filename);
      setFile(null);
      void queries.invalidateQueries({ queryKey: ['documents', caseId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    upload.mutate(file);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="end" wrap="wrap">
        <NativeSelect
          label={t('casefile.kindLabel')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as Kind)}
          data={KINDS.map((k) => ({ value: k, label: t(`casefile.kind.${k}`) }))}
        />
        <FileInput
          label={t('casefile.fileLabel')}
          description={t('casefile.fileHelp')}
          accept={ACCEPT}
          placeholder={t('walk.chooseFile')}
          value={file}
          onChange={(f) => {
            setFile(f);
            setDone(null);
            upload.reset();
          }}
          clearable
          clearButtonProps={{ 'aria-label': t('casefile.clear') }}
          w={280}
        />
        <Button type="submit" loading={upload.isPending}>
          {t('casefile.upload')}
        </Button>
      </Group>
      {upload.error ? (
        <Alert color="red" role="alert" mt="xs" title={fileErrorText(t, upload.error)}>
          {null}
        </Alert>
      ) : null}
      {done ? (
        <Text size="sm" role="status" mt="xs">
          {t('casefile.uploaded', { name: done })}
        </Text>
      ) : null}
    </form>
  );
}

function Remove({ caseId, doc, onClose }: { caseId: string; doc: Doc; onClose: () => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const remove = useMutation({
    mutationFn: () =>
      ok(
        api.DELETE('/api/v1/cases/{id}/documents/{docId}', {
          params: { path: { id: caseId, docId: doc.id } },
          body: { reason },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['documents', caseId] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`${t('casefile.removeTitle')}: ${doc.filename}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          remove.mutate();
        }}
      >
        <Stack>
          <Text size="sm">{t('casefile.removeHelp')}</Text>
          <Textarea
            label={t('casefile.removeReason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={remove.error ? fileErrorText(t, remove.error) : undefined}
            data-autofocus
          />
          <Group justify="end">
            <Button variant="default" onClick={onClose}>
              {t('casefile.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={remove.isPending} disabled={!reason.trim()}>
              {t('casefile.removeConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
