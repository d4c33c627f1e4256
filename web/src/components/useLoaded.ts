// Loads what a screen shows: the answer, the error, and a way to load it again. A reload keeps
// showing the previous answer until the new one arrives; loading something else does not.
import { useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  reload(): void;
}

export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const loadedKey = useRef(key);
  useEffect(() => {
    const controller = new AbortController();
    if (loadedKey.current !== key) setData(null);
    loadedKey.current = key;
    setError(null);
    // An answer to a load since replaced must not overwrite the newer one.
    load(controller.signal).then(
      (answer) => !controller.signal.aborted && setData(answer),
      (cause) => !controller.signal.aborted && setError(cause),
    );
    return () => controller.abort();
    // `key` names what `load` loads; the function itself is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);
  return { data, error, reload: () => setAttempt((n) => n + 1) };
}
