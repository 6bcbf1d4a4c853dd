import { t } from '@/lib/i18n';
import { isDecimal } from '../decimal';
import { accountAddress, asset, decimal, nonce as nonceFormat, solanaAddress } from '../endpoints/formats';
import { block, checkWithdrawal, combineVerdicts, warn, type Verdict } from '../rules';
import { SOLANA_WITHDRAWAL_CHAIN_ID, WITHDRAW_ACTION_TYPES, WITHDRAWAL_CHAINS } from '../typed-data';
import { party, short, signerParty, unknown } from './common';
import type { DecodeContext, SigningScheme, SigningSummary } from './types';

/**
 * The wallet's own withdrawal signature (`userSignature`, §1): the EVM `Action` typed data or the Solana text.
 * Each value must have its exact format; anything else is blocked rather than summarised.
 */

interface Withdrawal {
  destination: string;
  token: string;
  amount: string;
  fee: string;
  nonce: string;
  chainName: string;
  asterChain: string;
}

function formatProblems(w: Withdrawal, destinationOk: boolean): string[] {
  const problems: string[] = [];
  if (!destinationOk)
    problems.push(t('decode.withdrawal.notAddress', { destination: w.destination.slice(0, 60) }));
  if (!asset.test(w.token)) problems.push(t('decode.withdrawal.notAsset', { token: w.token.slice(0, 20) }));
  if (!decimal.test(w.amount) || !decimal.test(w.fee)) problems.push(t('decode.withdrawal.amountOrFee'));
  if (!nonceFormat.test(w.nonce)) problems.push(t('decode.withdrawal.nonce'));
  return problems;
}

function withdrawalSummary(
  w: Withdrawal,
  scheme: SigningScheme,
  chainId: number | undefined,
  fields: Array<[string, string]>,
  problems: string[],
  context: DecodeContext,
): SigningSummary {
  const parties = signerParty(context);
  const destination = party('destination', w.destination, context);
  parties.push(destination);
  const account = parties[0]?.account;
  const verdicts: Verdict[] = problems.map((problem) => block('malformed-withdrawal', problem));
  if (!isDecimal(w.amount) || !isDecimal(w.fee))
    verdicts.push(block('not-a-number', t('decode.withdrawal.amountOrFee')));
  else if (account)
    verdicts.push(
      checkWithdrawal({
        account,
        balances: context.balances?.(account.address),
        asset: w.token,
        amount: w.amount,
      }),
    );
  else verdicts.push(warn('account-not-in-vault', t('decode.withdrawal.accountUnknown')));
  if (w.asterChain !== 'Mainnet')
    verdicts.push(
      warn('unusual-aster-chain', t('decode.withdrawal.asterChain', { chain: w.asterChain.slice(0, 20) })),
    );
  if (!destination.account)
    verdicts.push(
      warn(
        'external-destination',
        t('decode.withdrawal.leavesAster', { destination: w.destination, chain: w.chainName }),
      ),
    );
  return {
    kind: 'withdrawal',
    title: t('decode.withdrawal.title', {
      amount: w.amount,
      asset: w.token,
      destination: destination.name ? `"${destination.name}"` : short(w.destination),
      chain: w.chainName,
    }),
    scheme,
    network: w.chainName,
    ...(chainId === undefined ? {} : { chainId }),
    parties,
    asset: w.token,
    amount: w.amount,
    fee: w.fee,
    fields,
    verdict: combineVerdicts(...verdicts),
  };
}

const SOLANA_WITHDRAWAL =
  /^PrimaryType=Withdraw,AsterChain=([^,=]+),Destination=([^,=]+),DestinationChain=Solana,Token=([^,=]+),Amount=([^,=]+),Fee=([^,=]+),Nonce=([^,=]+)$/;

export function decodeSolanaWithdrawal(text: string, context: DecodeContext): SigningSummary {
  const match = SOLANA_WITHDRAWAL.exec(text);
  if (!match)
    return unknown('solana-message', 'malformed-withdrawal', t('decode.withdrawal.textFormat'), 'block', {
      fields: [['text', text.slice(0, 500)]],
    });
  const [, asterChain = '', destination = '', token = '', amount = '', fee = '', nonce = ''] = match;
  const w = { destination, token, amount, fee, nonce, chainName: 'Solana', asterChain };
  return withdrawalSummary(
    w,
    'solana-message',
    SOLANA_WITHDRAWAL_CHAIN_ID,
    [
      ['AsterChain', asterChain],
      ['Destination', destination],
      ['DestinationChain', 'Solana'],
      ['Token', token],
      ['Amount', amount],
      ['Fee', fee],
      ['Nonce', nonce],
    ],
    formatProblems(w, solanaAddress.test(destination)),
    context,
  );
}

const ACTION_FIELDS = WITHDRAW_ACTION_TYPES.Action.map((f) => f.name) as readonly string[];

/** The EVM `Action`; the domain and types were checked by the caller. */
export function decodeEvmWithdrawal(
  body: Record<string, unknown>,
  chainId: number | undefined,
  context: DecodeContext,
): SigningSummary {
  const keys = Object.keys(body);
  const extra = keys.filter((k) => !ACTION_FIELDS.includes(k));
  const text = (name: string) =>
    Object.hasOwn(body, name) && typeof body[name] === 'string' ? (body[name] as string) : undefined;
  const rawNonce = Object.hasOwn(body, 'nonce') ? body.nonce : undefined;
  const nonce =
    typeof rawNonce === 'bigint' || (typeof rawNonce === 'number' && Number.isSafeInteger(rawNonce))
      ? String(rawNonce)
      : typeof rawNonce === 'string'
        ? rawNonce
        : undefined;
  const w = {
    type: text('type'),
    destination: text('destination'),
    chainName: text('destination Chain'),
    token: text('token'),
    amount: text('amount'),
    fee: text('fee'),
    asterChain: text('aster chain'),
  };
  if (Object.values(w).some((v) => v === undefined) || nonce === undefined || w.type !== 'Withdraw')
    return unknown('eip712-withdrawal', 'malformed-withdrawal', t('decode.withdrawal.malformed'), 'block');
  const withdrawal: Withdrawal = {
    destination: w.destination!,
    token: w.token!,
    amount: w.amount!,
    fee: w.fee!,
    nonce,
    chainName: w.chainName!,
    asterChain: w.asterChain!,
  };
  const problems = formatProblems(
    withdrawal,
    accountAddress.test(withdrawal.destination) && withdrawal.destination.startsWith('0x'),
  );
  if (extra.length > 0)
    problems.push(t('decode.withdrawal.extraFields', { fields: extra.slice(0, 5).join(', ') }));
  const expectedChain =
    chainId !== undefined && Object.hasOwn(WITHDRAWAL_CHAINS, chainId)
      ? WITHDRAWAL_CHAINS[chainId]
      : undefined;
  if (expectedChain !== withdrawal.chainName)
    problems.push(
      chainId === undefined
        ? t('decode.withdrawal.noSigningChain', { chain: withdrawal.chainName.slice(0, 20) })
        : t('decode.withdrawal.chainMismatch', {
            chainId: String(chainId),
            chain: withdrawal.chainName.slice(0, 20),
          }),
    );
  return withdrawalSummary(
    withdrawal,
    'eip712-withdrawal',
    chainId,
    [
      ['type', 'Withdraw'],
      ['destination', withdrawal.destination],
      ['destination Chain', withdrawal.chainName],
      ['token', withdrawal.token],
      ['amount', withdrawal.amount],
      ['fee', withdrawal.fee],
      ['nonce', nonce],
      ['aster chain', withdrawal.asterChain],
    ],
    problems,
    context,
  );
}
