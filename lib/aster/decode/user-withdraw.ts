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
        ? 'an unknown chain'
        : Object.hasOwn(WITHDRAWAL_CHAINS, chainId)
          ? WITHDRAWAL_CHAINS[chainId]!
          : `chain ${chainId}`;
  const asset = fields.get('asset') ?? '';
  const amount = fields.get('amount') ?? '';
  const receiver = party('destination', fields.get('receiver') ?? '', context);
  const account = user ? party('account', user, context) : undefined;
  const verdicts: Verdict[] = [];
  if (!isDecimal(amount) || !isDecimal(fields.get('fee') ?? '0'))
    verdicts.push(block('The amount or the fee is not a number.'));
  if (!account?.account) verdicts.push(block('The account that withdraws is not in this vault.'));
  if (!receiver.account)
    verdicts.push(
      warn(`The funds leave to ${short(receiver.address)}, which is not an account of this vault.`),
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
    title: `Send the withdrawal of ${amount} ${asset} to ${nameOf(receiver)} on ${chainName}${account ? ` from ${nameOf(account)}` : ''}`,
    parties: [...(account ? [account] : []), receiver],
    asset,
    amount,
    ...(fields.has('fee') ? { fee: fields.get('fee')! } : {}),
    verdict: combineVerdicts(...verdicts),
  };
}
