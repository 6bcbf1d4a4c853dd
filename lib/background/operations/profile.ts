import { defaultProfile, type AsterProtocolProfile } from '@/lib/aster/profile';
import type { ProfileInfo } from '@/lib/messaging/operations-api';
import { clearCompatibilityReport, lastCompatibilityReport } from './compatibility';
import type { OperationsCore } from './core';
import { loadNetwork, networkId } from './network';
import { loadProfile, resetProfile, saveProfile } from './profile-store';

/** The current network's protocol profile (§10), as the popup shows and edits it. */
export async function profileInfo(): Promise<ProfileInfo> {
  const settings = await loadNetwork();
  const id = networkId(settings);
  const stored = await loadProfile(id, settings.signing);
  return {
    networkId: id,
    ...stored,
    defaults: defaultProfile(settings.signing),
    lastCheck: await lastCompatibilityReport(id),
  };
}

/** The trader's changes to the current network's profile; `reset` first returns it to the defaults. */
export async function setProfile(
  core: OperationsCore,
  changes: Partial<AsterProtocolProfile>,
  reset: boolean,
): Promise<ProfileInfo> {
  const settings = await loadNetwork();
  const id = networkId(settings);
  // A reset forgets the last check too: its findings no longer describe the values in use.
  if (reset) {
    await resetProfile(id);
    await clearCompatibilityReport(id);
  }
  if (Object.keys(changes).length > 0) await saveProfile(id, settings.signing, changes, 'trader', core.now());
  return profileInfo();
}
