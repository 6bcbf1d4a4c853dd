import { takeEarlyHome, takeEarlyVaultState } from '@/lib/messaging/early-vault-state';
import { startPopup } from './app';

// The benchmark's breakdown of the first render reads these marks (scripts/bench.ts).
performance.mark('aster:popup-code');
// The vault's state (and home's snapshot) were asked for before the code was even loaded, so the first
// render shows the right screen, complete.
await startPopup(takeEarlyVaultState(), takeEarlyHome());
