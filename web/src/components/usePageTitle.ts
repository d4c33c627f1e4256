// Names the page in the browser's tab and history, as screen readers announce it.
import { useEffect } from 'react';

export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · Catalog`;
  }, [title]);
}
