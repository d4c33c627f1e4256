// The signed-in user, kept for the browser tab (sessionStorage), with the access token renewed a
// minute before it expires. A failed renewal signs the user out rather than leaving requests to
// fail one by one.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { claimsOf, login as loginRequest, refresh } from '../api/auth';
import type { Claims, TokenPair } from '../api/auth';
import { ApiError } from '../api/http';

const STORAGE_KEY = 'catalog.session';
const RENEW_BEFORE_SECONDS = 60;
const RETRY_SECONDS = 10;

interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

export interface Session {
  user: Claims | null;
  accessToken: string | null;
  signIn(username: string, password: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

function load(): StoredSession | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    if (stored && claimsOf(stored.accessToken).exp * 1000 > Date.now()) return stored;
  } catch {
    // A damaged entry is no session.
  }
  return null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<StoredSession | null>(load);

  const keep = useCallback((pair: TokenPair | null) => {
    const next = pair ? { accessToken: pair.access_token, refreshToken: pair.refresh_token } : null;
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
    setStored(next);
  }, []);

  // A renewal that fails for a passing reason (the network, a 5xx, 429) is tried again every
  // RETRY_SECONDS until the token expires; one the identity context refuses ends the session.
  // An answer that arrives after sign-out is ignored.
  useEffect(() => {
    if (!stored) return undefined;
    const expiresAt = claimsOf(stored.accessToken).exp * 1000;
    let timer = 0;
    let live = true;
    const renew = () =>
      refresh(stored.refreshToken).then(
        (pair) => live && keep(pair),
        (cause) => {
          if (!live) return;
          const passing =
            cause instanceof ApiError && (cause.status === 0 || cause.status === 429 || cause.status >= 500);
          if (passing && Date.now() + RETRY_SECONDS * 1000 < expiresAt)
            timer = window.setTimeout(renew, RETRY_SECONDS * 1000);
          else keep(null);
        },
      );
    timer = window.setTimeout(renew, Math.max(0, expiresAt - RENEW_BEFORE_SECONDS * 1000 - Date.now()));
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [stored, keep]);

  const session = useMemo<Session>(
    () => ({
      user: stored ? claimsOf(stored.accessToken) : null,
      accessToken: stored?.accessToken ?? null,
      signIn: async (username, password) => keep(await loginRequest(username, password)),
      signOut: () => keep(null),
    }),
    [stored, keep],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}
