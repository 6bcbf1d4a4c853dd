import { browser } from 'wxt/browser';
import type { POPUP_CHANNEL } from '@/lib/messaging/popup-api';
import { startPopup } from './app';

// The benchmark's breakdown of the first render reads these marks (scripts/bench.ts).
performance.mark('aster:popup-code');
// The vault's state is asked for before React renders, so the first render shows the right screen.
const vaultState: Promise<unknown> = browser.runtime.sendMessage({
  channel: 'popup' satisfies typeof POPUP_CHANNEL,
  method: 'vault.state',
  params: { activity: true },
});
const mark = () => void performance.mark('aster:vault-state');
vaultState.then(mark, mark);
await startPopup(vaultState);
