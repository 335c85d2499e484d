// The office's likely earlier cases of a returnee, searched by NIK, passport number and name: returnees come back,
// and a second case for the same person must be a choice, not an accident. Used by the registration of one returnee
// and, per row, by the arrival batch.
import { Anchor, List } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api/client';

export type Identity = { nationalId: string; passportNumber: string; fullName: string };
type Keys = readonly [nik: string, passport: string, name: string];
export type EarlierCase = Schemas['CaseResponseDto'];

const keysOf = (who: Identity): Keys => [who.nationalId.trim(), who.passportNumber.trim(), who.fullName.trim()];
const searchable = (keys: Keys) => keys.some((k) => k.length >= 3);

const search = (q: string) => ok(api.GET('/api/v1/cases', { params: { query: { q, limit: 5 } } })).then((r) => r.items);

// One query per identity, shared by the live warning and the check made before a row of a batch is sent.
export function earlierCasesQuery(keys: Keys) {
  return {
    queryKey: ['earlier-cases', keys] as const,
    queryFn: async (): Promise<EarlierCase[]> => {
      if (!searchable(keys)) return [];
      const [nik, passport, name] = keys;
      const found = await Promise.all([
        nik.length >= 8 ? search(nik) : [],
        passport.length >= 5 ? search(passport) : [],
        name.length >= 3 ? search(name) : [],
      ]);
      const seen = new Map<string, EarlierCase>();
      for (const c of found.flat()) {
        // a name only counts when it is close; an identifier always
        if (c.match && c.match.matchedOn === 'name' && c.match.score < 0.6) continue;
        // the first search that found a case says why: an identifier before a name
        if (!seen.has(c.id)) seen.set(c.id, c);
      }
      return [...seen.values()];
    },
  };
}

export const earlierCasesOf = (who: Identity) => earlierCasesQuery(keysOf(who));

// While the identity is typed (debounced: as one string, since a new array each render would never settle); off when
// `enabled` is false.
export function useEarlierCases(who: Identity, enabled = true) {
  const [joined] = useDebouncedValue(keysOf(who).join('\n'), 400);
  const keys = joined.split('\n') as unknown as Keys;
  return useQuery({ ...earlierCasesQuery(keys), enabled: enabled && searchable(keys) });
}

export function EarlierCasesList({ cases, size = 'sm' }: { cases: readonly EarlierCase[]; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <List size={size}>
      {cases.map((c) => (
        <List.Item key={c.id}>
          <Anchor component={Link} to={`/cases/${c.id}`} target="_blank" size={size}>
            {c.caseNumber}
          </Anchor>{' '}
          · {c.match?.fullName} · {t(`register.matchedOn.${c.match?.matchedOn ?? 'name'}`)} ·{' '}
          {c.status === 'CLOSED' ? t('status.CLOSED') : t(`step.${c.currentStep}`)}
        </List.Item>
      ))}
    </List>
  );
}
