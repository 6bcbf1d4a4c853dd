/** The extension pages' home route: where a page opens when its URL hash names no other. */
export const HOME_ROUTE = '/accounts';

/**
 * The route a URL hash names (`#/accounts`, `#/add`, `#/backup/<id>`, `#/settings`); home when it names none.
 * Read by the pages' router and by the popup's early script, which must know before React loads.
 */
export function routeOf(hash: string): string {
  return hash.replace(/^#/, '') || HOME_ROUTE;
}
