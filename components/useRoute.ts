import { useEffect, useState } from 'react';
import { routeOf } from '@/lib/page-route';

/**
 * The pages' routes live in the URL hash (`#/accounts`, `#/add`, `#/backup/<id>`, `#/settings`), so a flow
 * can continue in a tab (file pickers close the toolbar popup) exactly where it was.
 */
export function useRoute(): [string, (route: string) => void] {
  const read = () => routeOf(window.location.hash);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route, (next: string) => void (window.location.hash = next)];
}

/** True in the toolbar popup (narrow, closes on blur), false when the page is open in a tab. */
export function isToolbarPopup(): boolean {
  return !new URLSearchParams(window.location.search).has('tab');
}
