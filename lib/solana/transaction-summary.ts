import { t } from '@/lib/i18n';
import bs58 from 'bs58';
import type { Party, SigningSummary } from '@/lib/aster/decode';
import { block, combineVerdicts, warn, type Verdict } from '@/lib/aster/rules';
import { formatSol, shortSolanaAddress } from './format';
import {
  COMPUTE_BUDGET_NAME,
  decodeSolanaInstruction,
  type ActionLevel,
  type AddressBook,
  type SolanaAction,
} from './instructions';
import { readSolanaMessage, SolanaWireError, type SolanaMessage } from './wire';

/**
 * What a Solana transaction does, for the approval prompt: every instruction in plain words (`actions`),
 * the one transfer's amount and parties when there is a single one, and a verdict that is `block` whenever
 * any instruction is blocked or unreadable. It reads the exact message bytes that would be signed, and
 * never throws.
 */

export interface SolanaTransactionSummary extends SigningSummary {
  /** Each instruction in order, in plain words; the prompt lists them all. */
  actions: Array<{ text: string; level: ActionLevel }>;
}

export interface SolanaTransactionContext {
  /** The vault's name for an address, when it is one of the trader's accounts. */
  lookup(address: string): { name?: string } | undefined;
  /** The account asked to sign. */
  signer: string;
}

/** Lamports per signature (the base fee), and the runtime's compute defaults when none is set. */
const LAMPORTS_PER_SIGNATURE = 5000n;
const DEFAULT_UNITS_PER_INSTRUCTION = 200_000;
const MAX_COMPUTE_UNITS = 1_400_000;
/** No honest transaction pays this much priority fee; a page could otherwise burn the payer's SOL in fees. */
export const MAX_PRIORITY_FEE_LAMPORTS = 100_000_000n;

export function summarizeSolanaTransaction(
  message: Uint8Array,
  context: SolanaTransactionContext,
): SolanaTransactionSummary {
  try {
    return summarize(readSolanaMessage(message), context);
  } catch (error) {
    const why = error instanceof SolanaWireError ? error.message : t('decode.solana.couldNotRead');
    return unreadable(context, t('decode.solana.unreadable', { why }));
  }
}

function unreadable(context: SolanaTransactionContext, reason: string): SolanaTransactionSummary {
  return {
    kind: 'unknown',
    title: t('decode.solana.unreadableTitle'),
    scheme: 'solana-message',
    parties: [{ role: 'signer', address: context.signer }],
    fields: [],
    actions: [],
    verdict: block('unreadable-transaction', reason),
  };
}

function addressBook(context: SolanaTransactionContext, tokenAccounts: Map<string, string>): AddressBook {
  const nameOf = (address: string) => {
    try {
      return context.lookup(address)?.name;
    } catch {
      return undefined;
    }
  };
  const isOurs = (address: string) => address === context.signer || nameOf(address) !== undefined;
  const label = (address: string): string => {
    const name = nameOf(address);
    if (name !== undefined) return `"${name}" (${shortSolanaAddress(address)})`;
    const owner = tokenAccounts.get(address);
    // Created in this transaction by the Associated Token Account program, which checks it is the owner's.
    if (owner !== undefined)
      return t('decode.solana.tokenAccountOf', { address: shortSolanaAddress(address), owner: label(owner) });
    return shortSolanaAddress(address);
  };
  return { label, isOurs };
}

function summarize(message: SolanaMessage, context: SolanaTransactionContext): SolanaTransactionSummary {
  const keys = message.staticKeys.map((key) => bs58.encode(key));
  const decodeAll = (book: AddressBook) =>
    message.instructions.map((instruction, i): SolanaAction => {
      const programAddress = keys[instruction.programIndex]!;
      if (instruction.accountIndexes.some((index) => index >= keys.length)) {
        return {
          program: programAddress,
          name: 'lookup-table',
          text: t('decode.solana.lookupTable', { index: String(i + 1) }),
          level: 'block',
          reason: t('decode.solana.lookupTableReason', { index: String(i + 1) }),
          fields: [['program', programAddress]],
        };
      }
      const accounts = instruction.accountIndexes.map((index) => keys[index]!);
      return decodeSolanaInstruction({ programAddress, accounts, data: instruction.data }, book);
    });
  // Token accounts the transaction itself creates get their owner's name on the second reading.
  const tokenAccounts = new Map<string, string>();
  for (const action of decodeAll(addressBook(context, tokenAccounts)))
    if (action.createsTokenAccount)
      tokenAccounts.set(action.createsTokenAccount.account, action.createsTokenAccount.owner);
  const book = addressBook(context, tokenAccounts);
  const decoded = decodeAll(book);

  const verdicts: Verdict[] = [warn('on-chain-transaction', t('decode.solana.onChain'))];
  for (const action of decoded) {
    if (action.level === 'block')
      verdicts.push(
        block(
          'instruction-blocked',
          action.reason ?? t('decode.solana.actionBlocked', { action: action.text }),
        ),
      );
    else if (action.level === 'warn' && action.reason)
      verdicts.push(warn('instruction-warning', action.reason));
  }
  if (decoded.some((action) => action.durableNonce))
    verdicts.push(warn('durable-nonce', t('decode.solana.durableNonce')));

  const fee = networkFee(message, decoded);
  if (fee.priority > MAX_PRIORITY_FEE_LAMPORTS)
    verdicts.push(
      block('priority-fee-too-high', t('decode.solana.priorityFee', { fee: formatSol(fee.priority) })),
    );
  const feeText = t('decode.solana.networkFee', {
    fee: formatSol(fee.base + fee.priority),
    payer: book.label(keys[0]!),
  });

  const main = decoded.filter((action) => action.program !== COMPUTE_BUDGET_NAME);
  const transfers = main.filter((action) => action.transfer);
  const single = main.length === 1 ? main[0] : undefined;
  const transfer = single?.transfer;
  const parties: Party[] = [{ role: 'signer', address: context.signer }];
  if (transfer) {
    parties.push(party('from', transfer.from, context), party('to', transfer.to, context));
  }
  return {
    kind: transfer ? 'transfer' : 'unknown',
    title: single
      ? single.text
      : main.length === 0
        ? t('decode.solana.onlyFee')
        : transfers.length > 0
          ? t('decode.solana.manyMoving', {
              count: String(main.length),
              moving: String(transfers.length),
            })
          : t('decode.solana.many', { count: String(main.length) }),
    scheme: 'solana-message',
    parties,
    ...(transfer ? { amount: transfer.amount, asset: transfer.asset } : {}),
    fields: [
      ['version', String(message.version)],
      ['fee payer', keys[0]!],
      ['blockhash or nonce', bs58.encode(message.lifetime)],
      ...decoded.flatMap((action, i) =>
        action.fields.map(([name, value]): [string, string] => [`#${i + 1} ${action.name} ${name}`, value]),
      ),
    ],
    actions: [
      ...decoded.map((action) => ({ text: action.text, level: action.level })),
      { text: feeText, level: 'ok' },
    ],
    verdict: combineVerdicts(...verdicts),
  };
}

function party(role: 'from' | 'to', address: string, context: SolanaTransactionContext): Party {
  let name: string | undefined;
  try {
    name = context.lookup(address)?.name;
  } catch {
    name = undefined;
  }
  return name === undefined ? { role, address } : { role, address, name };
}

/** The most the fee payer can be charged: base fee per signature plus the priority fee at its compute limit. */
function networkFee(message: SolanaMessage, decoded: SolanaAction[]): { base: bigint; priority: bigint } {
  const limitSet = decoded.find((action) => action.computeUnitLimit !== undefined)?.computeUnitLimit;
  const others = decoded.filter((action) => action.program !== COMPUTE_BUDGET_NAME).length;
  const limit = Math.min(MAX_COMPUTE_UNITS, limitSet ?? DEFAULT_UNITS_PER_INSTRUCTION * others);
  const price = decoded.find((action) => action.computeUnitPrice !== undefined)?.computeUnitPrice ?? 0n;
  const priority = (price * BigInt(limit) + 999_999n) / 1_000_000n;
  return { base: LAMPORTS_PER_SIGNATURE * BigInt(message.header.requiredSignatures), priority };
}
