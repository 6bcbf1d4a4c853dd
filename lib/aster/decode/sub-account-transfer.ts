import { isDecimal } from '../decimal';
import { block, checkTransfer, combineVerdicts, sameAddress, warn, type Verdict } from '../rules';
import { nameOf, party, short } from './common';
import type { BodyFields, BodySummary, DecodeContext } from './types';

const WALLET_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  FUTURE_FUTURE: ['perp', 'perp'],
  FUTURE_SPOT: ['perp', 'spot'],
  SPOT_FUTURE: ['spot', 'perp'],
  SPOT_SPOT: ['spot', 'spot'],
};

/** subAccountTransfer: between accounts of one family, checked against the family rules. */
export function subAccountTransferSummary(fields: BodyFields, context: DecodeContext): BodySummary {
  const user = fields.get('user') ?? '';
  const fromAddress = fields.get('fromAccountAddress') ?? user;
  const from = party('from', fromAddress, context);
  const to = party('to', fields.get('toAccountAddress') ?? '', context);
  const asset = fields.get('asset') ?? '';
  const amount = fields.get('amount') ?? '';
  const kindType = fields.get('kindType') ?? '';
  const wallets = Object.hasOwn(WALLET_WORDS, kindType) ? WALLET_WORDS[kindType] : undefined;
  const verdicts: Verdict[] = [];
  if (!wallets) verdicts.push(block(`Unknown transfer type "${kindType.slice(0, 20)}".`));
  if (!isDecimal(amount)) verdicts.push(block('The amount is not a number.'));
  const loggedInAddress = context.loggedIn ?? user;
  const loggedIn = context.lookup(loggedInAddress);
  if (!from.account) verdicts.push(warn(`The source ${short(fromAddress)} is not in this vault.`));
  if (!to.account)
    verdicts.push(
      warn(`The destination ${short(to.address)} is not in this vault: the family could not be checked.`),
    );
  // Aster checks the family from the acting account (`user`): one we do not know cannot be checked.
  if (!loggedIn) verdicts.push(block(`The acting account ${short(loggedInAddress)} is not in this vault.`));
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
    title: `Transfer ${amount} ${asset} from ${nameOf(from)}${wallets ? ` (${wallets[0]})` : ''} to ${nameOf(to)}${wallets ? ` (${wallets[1]})` : ''}`,
    parties,
    asset,
    amount,
    verdict: combineVerdicts(...verdicts),
  };
}
