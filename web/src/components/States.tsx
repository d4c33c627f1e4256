// Loading, empty and error states, the same everywhere. Errors say what happened in words and
// quote the correlation id, which support can find in the logs.
import type { ReactNode } from 'react';
import { ApiError } from '../api/http';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="notice error" role="alert">
      <p>{apiError ? apiError.message : 'Something went wrong.'}</p>
      {apiError?.correlationId && (
        <p className="correlation">Reference: {apiError.correlationId}</p>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
