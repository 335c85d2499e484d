// The letters to print: the referral letter (surat rujukan) of each referral sent, and the handover record (berita
// acara serah terima) once the case is at its handover. The API numbers a letter the first time it is printed.
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../../api/client';
import { fileErrorText } from './Documents';
import { openInNewTab } from './files';
import { Section } from '../../components/Section';

type Case = Schemas['CaseResponseDto'];
type Referral = Case['referrals'][number];

export const referralLetter = (caseId: string, referralId: string) => () =>
  ok(
    api.GET('/api/v1/cases/{id}/letters/referral/{referralId}', {
      params: { path: { id: caseId, referralId } },
      parseAs: 'blob',
    }),
  ) as Promise<Blob>;

const handoverLetter = (caseId: string) => () =>
  ok(
    api.GET('/api/v1/cases/{id}/letters/handover', { params: { path: { id: caseId } }, parseAs: 'blob' }),
  ) as Promise<Blob>;

// A referral was sent to its partner: it has a letter (one waiting for or refused an approval never went out).
export const wasSent = (r: Referral) => r.partnerDeadlines !== null;

// A button that fetches a PDF with the token and opens it in a new tab, its failure said beside it.
export function PrintButton({ label, load }: { label: string; load: () => Promise<Blob> }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const print = () => {
    setFailure(null);
    setBusy(true);
    openInNewTab(load)
      .catch(setFailure)
      .finally(() => setBusy(false));
  };
  return (
    <div>
      {/* a long agency name wraps on a phone rather than running off the screen */}
      <Button
        variant="light"
        size="sm"
        onClick={print}
        loading={busy}
        py={6}
        styles={{
          root: { height: 'auto' },
          inner: { height: 'auto' },
          label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.35 },
        }}
      >
        {label}
      </Button>
      {failure ? (
        <Alert color="red" role="alert" mt="xs" title={fileErrorText(t, failure)}>
          {null}
        </Alert>
      ) : null}
    </div>
  );
}

export function Letters({
  c,
  agencyName,
  handedOver,
}: {
  c: Case;
  agencyName: (id: string) => string;
  handedOver: boolean;
}) {
  const { t } = useTranslation();
  const sent = c.referrals.filter(wasSent);
  const atHandover = handedOver || c.currentStep === 'RETURN_HANDOVER';
  return (
    <Section id="letters" title={t('casefile.letters')}>
      <Text size="sm" c="gray.7" mb="sm">
        {t('casefile.lettersHelp')}
      </Text>
      <Stack gap="xs" align="flex-start">
        {sent.map((r) => (
          <PrintButton
            key={r.id}
            label={t('casefile.printReferral', { agency: agencyName(r.agencyId) })}
            load={referralLetter(c.id, r.id)}
          />
        ))}
        {sent.length ? null : <Text size="sm">{t('casefile.noReferralLetters')}</Text>}
        {atHandover ? <PrintButton label={t('casefile.printHandover')} load={handoverLetter(c.id)} /> : null}
      </Stack>
    </Section>
  );
}
