// Who is signed in. The access token lives in memory (api/client.ts); the session behind it is an httpOnly cookie
// that only the auth routes see, so a reload (or a token run out) asks POST /auth/refresh for a new one, and only
// a refused refresh brings back the sign-in screen. Sign-out ends the session on the server.
import { Center, Loader, Stack, Text, VisuallyHidden } from '@mantine/core';
import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok, renewSession, setToken, whenSignedOut, type Schemas } from './api/client';
import { connection, onConnectionChange } from './api/connection';
import { ConnectionBanner } from './components/ConnectionBanner';
import { isPartner, prefetchFirstScreen, SIGN_OUT_PENDING, takeFirstSession } from './firstScreen';
import { setLanguage, storedLanguage } from './i18n';

export type User = Schemas['UserResponseDto'];
export { isPartner };
type Auth = {
  user: User | null;
  expired: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<Auth | null>(null);

// Resolves once the API answers again (at once when it does).
function connected(): Promise<void> {
  return new Promise((resolve) => {
    if (connection() === 'ok') return resolve();
    const stop = onConnectionChange(() => {
      if (connection() !== 'ok') return;
      stop();
      resolve();
    });
  });
}

async function endSession(): Promise<void> {
  await ok(api.POST('/api/v1/auth/logout'));
  localStorage.removeItem(SIGN_OUT_PENDING);
}

// The session, asked for by the first script (main.tsx) before this one arrived.
let early: Promise<User | null> | null = takeFirstSession();

export function AuthProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(true);
  const [expired, setExpired] = useState(false);

  const enter = useCallback((u: User) => {
    setLanguage(storedLanguage(u.id), u.id);
    setExpired(false);
    setUser(u);
  }, []);

  const leave = useCallback(() => {
    setToken(null);
    setUser(null);
    queries.clear();
  }, [queries]);

  // On load: the session of the cookie, if there is one; while the API cannot be reached, waited for (the banner
  // says so), never taken for signed out.
  useEffect(() => {
    let live = true;
    void (async () => {
      if (localStorage.getItem(SIGN_OUT_PENDING)) {
        await endSession().catch(() => undefined);
        if (live) setChecking(false);
        return;
      }
      for (;;) {
        try {
          const renewal = early ?? renewSession();
          early = null;
          const found = await renewal;
          if (!live) return;
          if (found && !isPartner(found)) prefetchFirstScreen(queries);
          // the first screen is drawn as a transition, in slices a phone's taps and paints can come between
          startTransition(() => {
            if (found) enter(found);
            setChecking(false);
          });
          return;
        } catch {
          // not before the API answers again, and not in a tight loop if it answers oddly
          await Promise.all([connected(), new Promise((r) => setTimeout(r, 1000))]);
          if (!live) return;
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [enter, queries]);

  useEffect(() => {
    whenSignedOut(() => {
      setExpired(true);
      leave();
    });
  }, [leave]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const answer = await ok(api.POST('/api/v1/auth/login', { body: { username, password } }));
      localStorage.removeItem(SIGN_OUT_PENDING);
      setToken(answer.accessToken);
      enter(answer.user);
    },
    [enter],
  );

  const signOut = useCallback(async () => {
    localStorage.setItem(SIGN_OUT_PENDING, '1');
    await endSession().catch(() => undefined);
    setExpired(false);
    leave();
  }, [leave]);

  const value = useMemo(() => ({ user, expired, signIn, signOut }), [user, expired, signIn, signOut]);
  if (checking) {
    return (
      <Stack component="main" p="md">
        <ConnectionBanner />
        {/* the console's name at once, not a blank page, while the session is checked */}
        <Text fw={700} size="lg">
          {t('app.name')}
        </Text>
        <Center mih="60vh" role="status">
          <Loader aria-hidden />
          <VisuallyHidden>{t('session.checking')}</VisuallyHidden>
        </Center>
      </Stack>
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
