import { sendEarlyVaultState } from '@/lib/messaging/early-vault-state';

// popup.html loads this as a classic script ahead of its modules: see lib/messaging/early-vault-state.
export default defineUnlistedScript(() => sendEarlyVaultState());
