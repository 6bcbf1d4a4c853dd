import { t } from '@/lib/i18n';
import { isDecimal } from '../decimal';
import { block, checkWithdrawal, combineVerdicts, warn, type Verdict } from '../rules';
import { SOLANA_WITHDRAWAL_CHAIN_ID, WITHDRAWAL_CHAINS } from '../typed-data';
import { chainIdOf, nameOf, party, short } from './common';
import type { BodyFields, BodySummary, DecodeContext } from './types';

/** The agent-signed request that carries a withdrawal's `userSignature`. */
export function withdrawRequestSummary(fields: BodyFields, context: DecodeContext): BodySummary {
  const user = fields.get('user');
  const chainId = chainIdOf(fields.get('chainId'));
  const chainName =
    chainId === SOLANA_WITHDRAWAL_CHAIN_ID
      ? 'Solana'
      : chainId === undefined
        ? t('decode.withdrawRequest.unknownChain')
        : Object.hasOwn(WITHDRAWAL_CHAINS, chainId)
          ? WITHDRAWAL_CHAINS[chainId]!
          : t('decode.withdrawRequest.chainNumber', { chainId: String(chainId) });
  const asset = fields.get('asset') ?? '';
  const amount = fields.get('amount') ?? '';
  const receiver = party('destination', fields.get('receiver') ?? '', context);
  const account = user ? party('account', user, context) : undefined;
  const verdicts: Verdict[] = [];
  if (!isDecimal(amount) || !isDecimal(fields.get('fee') ?? '0'))
    verdicts.push(block('not-a-number', t('decode.withdrawRequest.notNumber')));
  if (!account?.account)
    verdicts.push(block('account-not-in-vault', t('decode.withdrawRequest.accountUnknown')));
  if (!receiver.account)
    verdicts.push(
      warn('external-destination', t('decode.withdrawRequest.leaves', { address: short(receiver.address) })),
    );
  if (account?.account)
    verdicts.push(
      checkWithdrawal({
        account: account.account,
        balances: context.balances?.(account.address),
        asset,
        amount,
      }),
    );
  return {
    kind: 'withdrawal',
    title: account
      ? t('decode.withdrawRequest.titleFrom', {
          amount,
          asset,
          destination: nameOf(receiver),
          chain: chainName,
          account: nameOf(account),
        })
      : t('decode.withdrawRequest.title', { amount, asset, destination: nameOf(receiver), chain: chainName }),
    parties: [...(account ? [account] : []), receiver],
    asset,
    amount,
    ...(fields.has('fee') ? { fee: fields.get('fee')! } : {}),
    verdict: combineVerdicts(...verdicts),
  };
}
