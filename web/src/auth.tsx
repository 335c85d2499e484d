// Who is signed in. The access token lives in this tab's sessionStorage (gone when the tab closes); the user comes
// with it from the sign-in answer.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ok, setToken, whenSignedOut, type Schemas } from './api/client';
import { setLanguage, storedLanguage } from './i18n';

export type User = Schemas['UserResponseDto'];
type Auth = {
  user: User | null;
  expired: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => void;
};

const AuthContext = createContext<Auth | null>(null);
const USER_KEY = 'rujukan.user';

export function AuthProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const [user, setUser] = useState<User | null>(() => {
    const raw = sessionStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as User) : null;
  });
  const [expired, setExpired] = useState(false);

  const signOut = useCallback(() => {
    setToken(null);
    sessionStorage.removeItem(USER_KEY);
    setUser(null);
    queries.clear();
  }, [queries]);

  useEffect(() => {
    whenSignedOut(() => {
      setExpired(true);
      signOut();
    });
  }, [signOut]);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await ok(api.POST('/api/v1/auth/login', { body: { username, password } }));
    setToken(answer.accessToken);
    sessionStorage.setItem(USER_KEY, JSON.stringify(answer.user));
    setLanguage(storedLanguage(answer.user.id), answer.user.id);
    setExpired(false);
    setUser(answer.user);
  }, []);

  const value = useMemo(() => ({ user, expired, signIn, signOut }), [user, expired, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
