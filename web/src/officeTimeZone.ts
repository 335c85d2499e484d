// The time zone of the signed-in user's office (WIB, WITA or WIT), from the office registry; the console's default
// until it has answered.
import { useQuery } from '@tanstack/react-query';
import { useAuth } from './auth';
import { officesQuery } from './firstScreen';
import { DEFAULT_TIME_ZONE } from './format';

export { officesQuery };

export function useOfficeTimeZone(): string {
  const { user } = useAuth();
  const offices = useQuery(officesQuery);
  return offices.data?.find((o) => o.id === user?.officeId)?.timeZone ?? DEFAULT_TIME_ZONE;
}
