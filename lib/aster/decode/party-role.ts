import { t } from '@/lib/i18n';
import type { PartyRole } from './types';

/** A party's role in the trader's language ("From", "API wallet"…), for the summary's list of parties. */
export function partyRoleLabel(role: PartyRole): string {
  switch (role) {
    case 'signer':
      return t('decode.role.signer');
    case 'account':
      return t('decode.role.account');
    case 'from':
      return t('decode.role.from');
    case 'to':
      return t('decode.role.to');
    case 'sub-account':
      return t('decode.role.subAccount');
    case 'agent':
      return t('decode.role.agent');
    case 'destination':
      return t('decode.role.destination');
  }
}
