// Sign-in against the identity context: a short-lived access token and a single-use refresh
// token that the session trades for a new pair before the access token expires.
import { request } from './http';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

export type Role = 'ADMIN' | 'USER';

/** What the UI reads from an access token; the API checks the token itself. */
export interface Claims {
  username: string;
  role: Role;
  /** Seconds since the epoch. */
  exp: number;
}

export function login(username: string, password: string): Promise<TokenPair> {
  return request<TokenPair>('POST', '/api/v1/auth/login', { body: { username, password } });
}

export function refresh(refreshToken: string): Promise<TokenPair> {
  return request<TokenPair>('POST', '/api/v1/auth/refresh', {
    body: { refresh_token: refreshToken },
  });
}

export function claimsOf(accessToken: string): Claims {
  const payload = accessToken.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(json) as Partial<Claims>;
  return {
    username: claims.username ?? '',
    role: claims.role === 'ADMIN' ? 'ADMIN' : 'USER',
    exp: claims.exp ?? 0,
  };
}
