// Sign-in. On success the user goes back where they were sent from, or to the store.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/http';
import { useSession } from '../auth/session';
import { usePageTitle } from '../components/usePageTitle';

export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/store';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  usePageTitle('Sign in');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await session.signIn(username, password);
      navigate(from, { replace: true });
    } catch (cause) {
      setError(
        cause instanceof ApiError && cause.status === 401
          ? 'The username or password is wrong.'
          : cause instanceof Error
            ? cause.message
            : 'Signing in failed.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="login" onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
      <h1>Sign in</h1>
      <label>
        Username
        <input
          autoComplete="username"
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
      </label>
      <label>
        Password
        <input
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      {error && (
        <p id="login-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
