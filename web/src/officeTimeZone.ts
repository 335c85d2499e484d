// The time zone of the signed-in user's office (WIB, WITA or WIT), from the office registry; the console's default
// until it has answered.
import { useQuery } from '@tanstack/react-query';
import { api, ok } from './api/client';
import { useAuth } from './auth';
import { DEFAULT_TIME_ZONE } from './format';

export const officesQuery = {
  queryKey: ['offices'],
  queryFn: () => ok(api.GET('/api/v1/offices')),
  staleTime: Infinity,
};

export function useOfficeTimeZone(): string {
  const { user } = useAuth();
  const offices = useQuery(officesQuery);
  return offices.data?.find((o) => o.id === user?.officeId)?.timeZone ?? DEFAULT_TIME_ZONE;
}
