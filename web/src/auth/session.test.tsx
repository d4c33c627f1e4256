import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider, useSession } from './session';

afterEach(() => vi.unstubAllGlobals());

function token(username: string, secondsLeft: number) {
  const claims = { username, role: 'ADMIN', exp: Math.floor(Date.now() / 1000) + secondsLeft };
  return `x.${btoa(JSON.stringify(claims))}.x`;
}

function Who() {
  const { user } = useSession();
  return <p>{user ? `signed in as ${user.username}` : 'signed out'}</p>;
}

function startWith(accessToken: string) {
  sessionStorage.setItem('catalog.session', JSON.stringify({ accessToken, refreshToken: 'r-1' }));
  render(
    <SessionProvider>
      <Who />
    </SessionProvider>,
  );
}

describe('the session', () => {
  it('renews the access token a minute before it expires', async () => {
    const renewed = token('admin', 3600);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        new Response(JSON.stringify({ access_token: renewed, refresh_token: 'r-2', expires_in: 3600 })),
      ),
    );
    startWith(token('admin', 30));

    await waitFor(() =>
      expect(JSON.parse(sessionStorage.getItem('catalog.session') ?? '{}').refreshToken).toBe('r-2'),
    );
    const [url, init] = vi.mocked(fetch).mock.calls[0];
    expect(url).toBe('/api/v1/auth/refresh');
    expect(JSON.parse(String(init?.body))).toEqual({ refresh_token: 'r-1' });
    expect(screen.getByText('signed in as admin')).toBeTruthy();
  });

  it('signs out when the renewal is refused', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        new Response(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'reused', details: {} } }), {
          status: 401,
        }),
      ),
    );
    startWith(token('admin', 30));
    expect(await screen.findByText('signed out')).toBeTruthy();
    expect(sessionStorage.getItem('catalog.session')).toBeNull();
  });

  it('forgets an expired session', () => {
    vi.stubGlobal('fetch', vi.fn());
    startWith(token('admin', -10));
    expect(screen.getByText('signed out')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });
});
