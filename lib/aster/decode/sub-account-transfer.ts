import { t } from '@/lib/i18n';
import { isDecimal } from '../decimal';
import { block, checkTransfer, combineVerdicts, sameAddress, warn, type Verdict } from '../rules';
import { nameOf, party, short } from './common';
import type { BodyFields, BodySummary, DecodeContext } from './types';

type Wallet = 'perp' | 'spot';
const WALLETS: Readonly<Record<string, readonly [Wallet, Wallet]>> = {
  FUTURE_FUTURE: ['perp', 'perp'],
  FUTURE_SPOT: ['perp', 'spot'],
  SPOT_FUTURE: ['spot', 'perp'],
  SPOT_SPOT: ['spot', 'spot'],
};

export const walletWord = (wallet: Wallet): string =>
  wallet === 'perp' ? t('decode.wallet.perp') : t('decode.wallet.spot');

/** subAccountTransfer: between accounts of one family, checked against the family rules. */
export function subAccountTransferSummary(fields: BodyFields, context: DecodeContext): BodySummary {
  const user = fields.get('user') ?? '';
  const fromAddress = fields.get('fromAccountAddress') ?? user;
  const from = party('from', fromAddress, context);
  const to = party('to', fields.get('toAccountAddress') ?? '', context);
  const asset = fields.get('asset') ?? '';
  const amount = fields.get('amount') ?? '';
  const kindType = fields.get('kindType') ?? '';
  const wallets = Object.hasOwn(WALLETS, kindType) ? WALLETS[kindType] : undefined;
  const verdicts: Verdict[] = [];
  if (!wallets)
    verdicts.push(
      block('unknown-transfer-type', t('decode.transfer.unknownType', { type: kindType.slice(0, 20) })),
    );
  if (!isDecimal(amount)) verdicts.push(block('not-a-number', t('decode.transfer.amountNotNumber')));
  const loggedInAddress = context.loggedIn ?? user;
  const loggedIn = context.lookup(loggedInAddress);
  if (!from.account)
    verdicts.push(
      warn('account-not-in-vault', t('decode.transfer.sourceUnknown', { address: short(fromAddress) })),
    );
  if (!to.account)
    verdicts.push(
      warn('account-not-in-vault', t('decode.transfer.destinationUnknown', { address: short(to.address) })),
    );
  // Aster checks the family from the acting account (`user`): one we do not know cannot be checked.
  if (!loggedIn)
    verdicts.push(
      block(
        'acting-account-unknown',
        t('decode.transfer.actingUnknown', { address: short(loggedInAddress) }),
      ),
    );
  if (from.account && to.account && loggedIn)
    verdicts.push(
      checkTransfer({
        loggedIn,
        from: from.account,
        to: to.account,
        asset,
        amount,
        sourceBalances: context.balances?.(from.address),
      }),
    );
  const parties = [from, to];
  if (!sameAddress(user, fromAddress)) parties.unshift(party('account', user, context));
  return {
    kind: 'transfer',
    title: wallets
      ? t('decode.transfer.titleWallets', {
          amount,
          asset,
          from: nameOf(from),
          fromWallet: walletWord(wallets[0]),
          to: nameOf(to),
          toWallet: walletWord(wallets[1]),
        })
      : t('decode.transfer.title', { amount, asset, from: nameOf(from), to: nameOf(to) }),
    parties,
    asset,
    amount,
    verdict: combineVerdicts(...verdicts),
  };
}
