import type { Role } from '../../workflows/definition';

// Who is calling, from the verified token.
export type CurrentUserInfo = {
  userId: string;
  username: string;
  role: Role;
  officeId: string | null;
  agencyId: string | null;
};
