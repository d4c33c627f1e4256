// A signed-in session for component tests: an unsigned token whose claims the UI reads.
import type { ReactNode } from 'react';
import { SessionProvider } from '../auth/session';

export function signedIn(role: 'ADMIN' | 'USER', children: ReactNode) {
  const claims = { username: role.toLowerCase(), role, exp: Math.floor(Date.now() / 1000) + 3600 };
  const token = `x.${btoa(JSON.stringify(claims))}.x`;
  sessionStorage.setItem(
    'catalog.session',
    JSON.stringify({ accessToken: token, refreshToken: 'refresh' }),
  );
  return <SessionProvider>{children}</SessionProvider>;
}
