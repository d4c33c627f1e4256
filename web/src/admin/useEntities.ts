// Loads a list page (or anything) for a screen: the answer, the error, and a way to load again.
import { useEffect, useState } from 'react';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  reload(): void;
}

export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setData(null);
    setError(null);
    load(controller.signal).then(setData, (cause) => {
      if (!controller.signal.aborted) setError(cause);
    });
    return () => controller.abort();
    // `key` names what `load` loads; the function itself is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);
  return { data, error, reload: () => setAttempt((n) => n + 1) };
}
