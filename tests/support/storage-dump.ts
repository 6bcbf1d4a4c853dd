/** Every storage area of the extension: all IndexedDB databases of its origin and its storage.* areas. */
export interface StorageDump {
  indexedDB: Record<string, Record<string, unknown[]>>;
  local: Record<string, unknown>;
  session: Record<string, unknown>;
  /** Read only where asked for: the Chromium suite reads it, the Firefox suite's dump never has. */
  sync?: Record<string, unknown>;
}

/**
 * Reads every storage area of the extension, from inside it: Playwright's `worker.evaluate` (Chromium's
 * service worker) and puppeteer's `page.evaluate` (a Firefox extension page) serialise this function's source
 * and run it there, so it must use nothing from this module's scope — only its argument and the globals.
 */
export async function readExtensionStorage(options: { sync: boolean }): Promise<StorageDump> {
  const indexedDBDump: Record<string, Record<string, unknown[]>> = {};
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(info.name!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const stores: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      stores[name] = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    db.close();
    indexedDBDump[info.name] = stores;
  }
  const dump: StorageDump = {
    indexedDB: indexedDBDump,
    local: await chrome.storage.local.get(null),
    session: await chrome.storage.session.get(null),
  };
  if (options.sync) dump.sync = await chrome.storage.sync.get(null);
  return dump;
}
