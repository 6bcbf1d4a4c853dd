import { isDecimal } from './decimal';
import { ENDPOINTS } from './endpoints';
import { LOGIN_TEXT_PATTERN } from './messages';
import { parseQueryString } from './query';
import {
  block,
  checkAgentApproval,
  checkManageSubAccount,
  checkOrder,
  checkSubAccountName,
  checkTransfer,
  checkWithdrawal,
  combineVerdicts,
  OK,
  sameAddress,
  warn,
  type AssetBalance,
  type AsterAccount,
  type Verdict,
} from './rules';
import {
  ASTER_SIGNING_CHAIN_ID,
  MESSAGE_TYPES,
  WITHDRAW_ACTION_TYPES,
  WITHDRAWAL_CHAINS,
} from './typed-data';

/**
 * Turns any signing request into a summary a trader can read before approving: what it does, between whom
 * (by vault name), how much, on which network, and the rules' verdict. It never throws: unknown or malformed
 * input becomes kind `unknown` with the reason, so hostile pages cannot crash or mislabel the prompt.
 */

export type SigningRequest =
  /** EVM `personal_sign`: text, or `0x` hex of the bytes as EIP-1193 sends it. */
  | { method: 'personal_sign'; message: string }
  /** `eth_signTypedData_v4`: the typed data object or its JSON text. */
  | { method: 'eth_signTypedData_v4'; typedData: unknown }
  /** Solana `signMessage`: the exact bytes. */
  | { method: 'solana_signMessage'; message: Uint8Array };

export type SummaryKind =
  | 'login'
  | 'transfer'
  | 'perp-spot-transfer'
  | 'create-sub-account'
  | 'bind-sub-account'
  | 'update-sub-account'
  | 'order'
  | 'withdrawal'
  | 'agent-approval'
  | 'list'
  | 'agent-request'
  | 'unknown';

export type SigningScheme =
  'personal_sign' | 'eip712-message' | 'eip712-withdrawal' | 'eip712-other' | 'solana-message' | 'invalid';

export type PartyRole = 'signer' | 'account' | 'from' | 'to' | 'sub-account' | 'agent' | 'destination';

export interface Party {
  role: PartyRole;
  address: string;
  /** The vault's name for the address, when it is one of ours. */
  name?: string;
  account?: AsterAccount;
}

export interface SigningSummary {
  kind: SummaryKind;
  /** One line in plain words, e.g. `Transfer 100 USDT from "Main" to "Grid01"`. */
  title: string;
  scheme: SigningScheme;
  /** Aster endpoint the body belongs to, when recognised. */
  endpoint?: string;
  /** 'mainnet' / 'testnet' for Aster's signing domains; the chain name for withdrawals. */
  network?: string;
  chainId?: number;
  parties: Party[];
  asset?: string;
  amount?: string;
  fee?: string;
  /** Sub-account changes (update-sub-account). */
  changes?: { status?: string; newName?: string };
  /** Every field as signed, for a "details" view. */
  fields: Array<[string, string]>;
  verdict: Verdict;
}

export interface DecodeContext {
  /** The vault's view of an address (name, role, kind, status, parent); undefined when not ours. */
  lookup(address: string): AsterAccount | undefined;
  /** The account asked to sign. */
  signer?: string;
  /** The account logged in on the exchange (transfer directions depend on it); the signer when absent. */
  loggedIn?: string;
  /** Known balances of an account, for amount and negative-balance checks. */
  balances?(address: string): readonly AssetBalance[] | undefined;
}

/** Larger requests are refused unread: no Aster message comes close, and huge prompts hide their content. */
export const MAX_MESSAGE_LENGTH = 16 * 1024;

export function decodeSigningRequest(request: unknown, context: DecodeContext): SigningSummary {
  try {
    return decode(request, safeContext(context));
  } catch {
    return unknown('invalid', 'This request could not be read.');
  }
}

function safeContext(context: DecodeContext): DecodeContext {
  const guard =
    <T>(fn: ((address: string) => T | undefined) | undefined) =>
    (address: string): T | undefined => {
      try {
        return fn?.(address);
      } catch {
        return undefined;
      }
    };
  return { ...context, lookup: guard(context.lookup), balances: guard(context.balances) };
}

function unknown(
  scheme: SigningScheme,
  reason: string,
  level: 'warn' | 'block' = 'warn',
  extra: Partial<SigningSummary> = {},
): SigningSummary {
  return {
    kind: 'unknown',
    title: 'Unrecognised signing request',
    scheme,
    parties: [],
    fields: [],
    ...extra,
    verdict: { level, reasons: [reason, ...(extra.verdict?.reasons ?? [])] },
  };
}

function decode(request: unknown, context: DecodeContext): SigningSummary {
  if (typeof request !== 'object' || request === null)
    return unknown('invalid', 'The request is not an object.');
  const method = (request as { method?: unknown }).method;
  if (method === 'personal_sign') {
    const message = (request as { message?: unknown }).message;
    if (typeof message !== 'string') return unknown('personal_sign', 'The message is not text.');
    return decodePersonalSign(message, context);
  }
  if (method === 'eth_signTypedData_v4')
    return decodeTypedData((request as { typedData?: unknown }).typedData, context);
  if (method === 'solana_signMessage') {
    const message = (request as { message?: unknown }).message;
    if (!(message instanceof Uint8Array)) return unknown('solana-message', 'The message is not bytes.');
    return decodeSolanaMessage(message, context);
  }
  return unknown('invalid', 'Unsupported signing method.');
}

// --- Text messages ---

function utf8Decode(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

function hexToBytes(hex: string): Uint8Array | undefined {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex)) return undefined;
  const bytes = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 + i * 2, 4 + i * 2), 16);
  return bytes;
}

/** Control characters other than tab/newline can hide text in a prompt. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here.
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

function decodePersonalSign(message: string, context: DecodeContext): SigningSummary {
  if (message.length > MAX_MESSAGE_LENGTH * 2 + 2)
    return unknown('personal_sign', 'The message is too large to show.', 'block');
  let text: string | undefined = message;
  if (message.startsWith('0x')) {
    const bytes = hexToBytes(message);
    // Hex that is not valid UTF-8 is binary data, e.g. a hash: signing it blind could authorise anything.
    text = bytes ? utf8Decode(bytes) : message;
    if (text === undefined)
      return unknown(
        'personal_sign',
        `Binary data (${bytes?.length ?? 0} bytes), not readable text.`,
        'block',
      );
  }
  return decodeText(text, 'personal_sign', context);
}

function decodeSolanaMessage(bytes: Uint8Array, context: DecodeContext): SigningSummary {
  if (bytes.length > MAX_MESSAGE_LENGTH)
    return unknown('solana-message', 'The message is too large to show.', 'block');
  const text = utf8Decode(bytes);
  if (text === undefined)
    return unknown('solana-message', `Binary data (${bytes.length} bytes), not readable text.`, 'block');
  if (/^[A-Za-z]\w*=/.test(text) && !text.startsWith('PrimaryType='))
    return decodeAsterMsg(text, 'solana-message', undefined, context);
  return decodeText(text, 'solana-message', context);
}

function decodeText(text: string, scheme: SigningScheme, context: DecodeContext): SigningSummary {
  if (text.length > MAX_MESSAGE_LENGTH) return unknown(scheme, 'The message is too large to show.', 'block');
  const login = LOGIN_TEXT_PATTERN.exec(text);
  if (login) {
    const parties = signerParty(context);
    const who = parties[0]?.name ? ` as "${parties[0].name}"` : '';
    return {
      kind: 'login',
      title: `Log in to Aster${who}`,
      scheme,
      parties,
      fields: [['nonce', login[1] ?? '']],
      verdict: OK,
    };
  }
  if (scheme === 'solana-message' && text.startsWith('PrimaryType=Withdraw,'))
    return decodeSolanaWithdrawal(text, context);
  const hidden = HIDDEN_CHARACTERS.test(text);
  return unknown(
    scheme,
    hidden ? 'The text contains hidden control characters.' : 'This text is not an Aster request.',
    hidden ? 'block' : 'warn',
    {
      fields: [['text', text.length > 500 ? `${text.slice(0, 500)}…` : text]],
    },
  );
}

const SOLANA_WITHDRAWAL =
  /^PrimaryType=Withdraw,AsterChain=([^,=]+),Destination=([^,=]+),DestinationChain=Solana,Token=([^,=]+),Amount=([^,=]+),Fee=([^,=]+),Nonce=(\d+)$/;

function decodeSolanaWithdrawal(text: string, context: DecodeContext): SigningSummary {
  const match = SOLANA_WITHDRAWAL.exec(text);
  if (!match)
    return unknown('solana-message', 'A withdrawal text in an unexpected format.', 'block', {
      fields: [['text', text.slice(0, 500)]],
    });
  const [, asterChain = '', destination = '', token = '', amount = '', fee = '', nonce = ''] = match;
  return withdrawalSummary(
    { destination, token, amount, fee, nonce, chainName: 'Solana', asterChain },
    'solana-message',
    101,
    [
      ['AsterChain', asterChain],
      ['Destination', destination],
      ['DestinationChain', 'Solana'],
      ['Token', token],
      ['Amount', amount],
      ['Fee', fee],
      ['Nonce', nonce],
    ],
    context,
  );
}

// --- Typed data ---

function chainIdOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]{1,13}|\d{1,15})$/.test(value)) return Number(value);
  return undefined;
}

function sameFields(actual: unknown, expected: readonly { name: string; type: string }[]): boolean {
  return (
    Array.isArray(actual) &&
    actual.length === expected.length &&
    actual.every((field, i) => {
      const want = expected[i];
      return (
        typeof field === 'object' &&
        field !== null &&
        want !== undefined &&
        field.name === want.name &&
        field.type === want.type
      );
    })
  );
}

/** Only EIP712Domain may sit beside the primary struct: extra types would change the hash we describe. */
function onlyTypes(types: Record<string, unknown>, primary: string): boolean {
  return Object.keys(types).every((name) => name === primary || name === 'EIP712Domain');
}

function decodeTypedData(input: unknown, context: DecodeContext): SigningSummary {
  let data = input;
  if (typeof data === 'string') {
    if (data.length > MAX_MESSAGE_LENGTH * 4)
      return unknown('eip712-other', 'The typed data is too large to show.', 'block');
    try {
      data = JSON.parse(data);
    } catch {
      return unknown('invalid', 'The typed data is not valid JSON.', 'block');
    }
  }
  if (typeof data !== 'object' || data === null)
    return unknown('invalid', 'The typed data is not an object.', 'block');
  const { domain, types, primaryType, message } = data as Record<string, unknown>;
  if (
    typeof domain !== 'object' ||
    domain === null ||
    typeof types !== 'object' ||
    types === null ||
    typeof message !== 'object' ||
    message === null
  )
    return unknown('invalid', 'The typed data lacks its domain, types or message.', 'block');
  const domainName = (domain as Record<string, unknown>).name;
  const chainId = chainIdOf((domain as Record<string, unknown>).chainId);
  const typeTable = types as Record<string, unknown>;
  const body = message as Record<string, unknown>;

  if (domainName === 'AsterSignTransaction' && primaryType === 'Message') {
    if (!sameFields(typeTable.Message, MESSAGE_TYPES.Message) || !onlyTypes(typeTable, 'Message'))
      return unknown(
        'eip712-message',
        "Claims to be an Aster request, but its types differ from Aster's.",
        'block',
      );
    if (typeof body.msg !== 'string')
      return unknown('eip712-message', 'The Aster message has no text.', 'block');
    if (body.msg.length > MAX_MESSAGE_LENGTH)
      return unknown('eip712-message', 'The message is too large to show.', 'block');
    return decodeAsterMsg(body.msg, 'eip712-message', chainId, context);
  }
  if (domainName === 'Aster' && primaryType === 'Action') {
    if (!sameFields(typeTable.Action, WITHDRAW_ACTION_TYPES.Action) || !onlyTypes(typeTable, 'Action'))
      return unknown(
        'eip712-withdrawal',
        "Claims to be an Aster withdrawal, but its types differ from Aster's.",
        'block',
      );
    return decodeEvmWithdrawal(body, chainId, context);
  }
  const name = typeof domainName === 'string' ? domainName.slice(0, 80) : 'an unnamed domain';
  // Permit-style typed data can move on-chain tokens of a master wallet: the companion signs Aster messages only.
  return unknown(
    'eip712-other',
    `Typed data for ${name}: not an Aster request; Aster Companion does not sign it.`,
    'block',
    {
      ...(chainId === undefined ? {} : { chainId }),
    },
  );
}

function decodeEvmWithdrawal(
  body: Record<string, unknown>,
  chainId: number | undefined,
  context: DecodeContext,
): SigningSummary {
  const get = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const nonce = body.nonce;
  const nonceText =
    typeof nonce === 'bigint' || typeof nonce === 'number' || typeof nonce === 'string'
      ? String(nonce)
      : undefined;
  const fields = {
    type: get('type'),
    destination: get('destination'),
    chainName: get('destination Chain'),
    token: get('token'),
    amount: get('amount'),
    fee: get('fee'),
    asterChain: get('aster chain'),
  };
  if (
    Object.values(fields).some((v) => v === undefined) ||
    nonceText === undefined ||
    fields.type !== 'Withdraw'
  )
    return unknown('eip712-withdrawal', 'A withdrawal with missing or malformed fields.', 'block');
  const summary = withdrawalSummary(
    {
      destination: fields.destination!,
      token: fields.token!,
      amount: fields.amount!,
      fee: fields.fee!,
      nonce: nonceText,
      chainName: fields.chainName!,
      asterChain: fields.asterChain!,
    },
    'eip712-withdrawal',
    chainId,
    [
      ['type', fields.type],
      ['destination', fields.destination!],
      ['destination Chain', fields.chainName!],
      ['token', fields.token!],
      ['amount', fields.amount!],
      ['fee', fields.fee!],
      ['nonce', nonceText],
      ['aster chain', fields.asterChain!],
    ],
    context,
  );
  const expectedChain = chainId === undefined ? undefined : WITHDRAWAL_CHAINS[chainId];
  if (expectedChain !== fields.chainName)
    summary.verdict = combineVerdicts(
      summary.verdict,
      block(
        `The signing chain (${chainId ?? 'none'}) does not match the destination chain ${fields.chainName}.`,
      ),
    );
  return summary;
}

function withdrawalSummary(
  w: {
    destination: string;
    token: string;
    amount: string;
    fee: string;
    nonce: string;
    chainName: string;
    asterChain: string;
  },
  scheme: SigningScheme,
  chainId: number | undefined,
  fields: Array<[string, string]>,
  context: DecodeContext,
): SigningSummary {
  const parties = signerParty(context);
  const destination = party('destination', w.destination, context);
  parties.push(destination);
  const account = parties[0]?.account;
  const verdicts: Verdict[] = [];
  if (!isDecimal(w.amount) || !isDecimal(w.fee)) verdicts.push(block('The amount or fee is not a number.'));
  else if (account)
    verdicts.push(
      checkWithdrawal({
        account,
        balances: context.balances?.(account.address),
        asset: w.token,
        amount: w.amount,
      }),
    );
  else verdicts.push(warn('The withdrawing account is not in this vault.'));
  if (w.asterChain !== 'Mainnet')
    verdicts.push(warn(`Aster chain "${w.asterChain}" is not the usual Mainnet.`));
  if (!destination.account)
    verdicts.push(warn(`Funds leave Aster to ${w.destination} on ${w.chainName}: check this address.`));
  return {
    kind: 'withdrawal',
    title: `Withdraw ${w.amount} ${w.token} to ${destination.name ? `"${destination.name}"` : short(w.destination)} on ${w.chainName}`,
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

// --- Aster query-string bodies ---

function short(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

function party(role: PartyRole, address: string, context: DecodeContext): Party {
  const account = context.lookup(address);
  return account
    ? { role, address, ...(account.name ? { name: account.name } : {}), account }
    : { role, address };
}

function signerParty(context: DecodeContext): Party[] {
  return context.signer ? [party('signer', context.signer, context)] : [];
}

const nameOf = (p: Party) => (p.name ? `"${p.name}"` : short(p.address));

function networkOf(chainId: number | undefined): string | undefined {
  if (chainId === ASTER_SIGNING_CHAIN_ID.mainnet) return 'mainnet';
  if (chainId === ASTER_SIGNING_CHAIN_ID.testnet) return 'testnet';
  return undefined;
}

/** What a body's own summariser knows; the scheme and the raw fields are added by decodeAsterMsg. */
type BodySummary = Omit<SigningSummary, 'scheme' | 'fields'>;

const WALLET_SIGNED: ReadonlySet<SummaryKind> = new Set([
  'create-sub-account',
  'bind-sub-account',
  'update-sub-account',
  'transfer',
  'agent-approval',
]);

function decodeAsterMsg(
  msg: string,
  scheme: SigningScheme,
  chainId: number | undefined,
  context: DecodeContext,
): SigningSummary {
  const pairs = parseQueryString(msg);
  const fields = new Map<string, string>();
  for (const [name, value] of pairs) {
    if (fields.has(name))
      return unknown(scheme, `The field "${name.slice(0, 40)}" appears twice.`, 'block', { fields: pairs });
    fields.set(name, value);
  }
  const first = pairs[0]?.[0];
  const has = (...names: string[]) => names.every((n) => fields.has(n));
  const get = (name: string) => fields.get(name);
  const base = { scheme, fields: pairs, ...(chainId === undefined ? {} : { chainId }) };
  const network = networkOf(chainId);

  let body: BodySummary;
  if (first === 'subAccountName' && has('subSourceAddr', 'user'))
    body = createSummary(fields, 'create-sub-account', context);
  else if (first === 'childAddress' && has('name', 'user'))
    body = createSummary(fields, 'bind-sub-account', context);
  else if (first === 'subSourceAddr' && has('user')) body = updateSummary(fields, context);
  else if (first === 'toAccountAddress' && has('asset', 'amount', 'kindType', 'user'))
    body = transferSummary(fields, context);
  else if (has('clientTranId', 'kindType', 'amount', 'asset')) body = walletTransferSummary(fields, context);
  // Recognised by its fields wherever they stand: a reordered body must not escape the agent rules.
  else if (has('agentAddress') || has('canWithdraw') || has('agentName'))
    body = agentApprovalSummary(fields, context);
  else if (has('userSignature', 'receiver', 'amount', 'asset'))
    body = withdrawRequestSummary(fields, context);
  else if (has('symbol', 'side') || has('batchOrders')) body = orderSummary(fields, context);
  else if (
    pairs.length > 0 &&
    pairs.every(([n]) => n === 'nonce' || n === 'user' || n === 'signer') &&
    has('nonce', 'signer')
  )
    body = {
      kind: 'list',
      title: 'Read account data (such as the sub-account list)',
      parties: [],
      verdict: OK,
    };
  else if (has('nonce', 'signer'))
    body = {
      kind: 'agent-request',
      title: 'An Aster API request of an unrecognised type',
      parties: [],
      verdict: warn('This Aster request type is not recognised: check its details.'),
    };
  // Signed under Aster's own domain (or as a Solana Aster body) yet unrecognised: never sign it blind.
  else return unknown(scheme, 'Not a recognised Aster request body.', 'block', { fields: pairs });

  const summary: SigningSummary = { ...base, ...body };
  const endpoint = endpointOf(summary.kind, fields);
  if (endpoint) summary.endpoint = endpoint;
  if (network) summary.network = network;
  if (
    !summary.parties.some((p) => p.role === 'agent') &&
    get('signer') !== undefined &&
    !WALLET_SIGNED.has(summary.kind)
  )
    summary.parties.push(party('agent', get('signer')!, context));
  const checks: Verdict[] = [summary.verdict];

  // The domain must fit the body: 56 is reserved for agent approval, 1666/714 for everything else (§1, §5).
  if (scheme === 'eip712-message') {
    if (summary.kind === 'agent-approval' && chainId !== 56)
      checks.push(block(`An API-wallet approval is signed with chain id 56, not ${chainId ?? 'none'}.`));
    if (summary.kind !== 'agent-approval' && network === undefined)
      checks.push(block(`Unexpected signing chain id ${chainId ?? 'none'} for this Aster request.`));
  }
  if (scheme === 'solana-message' && summary.kind === 'agent-approval' && get('signatureChainId') !== '101')
    checks.push(block('A Solana API-wallet approval carries signatureChainId=101.'));

  // Who should sign: the wallet of `user` (or the new child), or the agent in `signer`.
  if (context.signer) {
    const expected = expectedSigner(summary, fields);
    if (expected && !expected.some((address) => sameAddress(address, context.signer)))
      checks.push(
        block(
          `This request is for ${expected.map(short).join(' or ')}, but ${short(context.signer)} is asked to sign it.`,
        ),
      );
  }
  summary.verdict = combineVerdicts(...checks);
  return summary;
}

function endpointOf(kind: SummaryKind, fields: Map<string, string>): string | undefined {
  switch (kind) {
    case 'create-sub-account':
      return ENDPOINTS.createSubAccount.path;
    case 'bind-sub-account':
      return ENDPOINTS.bindSubAccount.path;
    case 'update-sub-account':
      return ENDPOINTS.updateSubAccount.path;
    case 'transfer':
      return ENDPOINTS.subAccountTransfer.path;
    case 'perp-spot-transfer':
      return ENDPOINTS.walletTransfer.path;
    case 'agent-approval':
      return ENDPOINTS.registerAndApproveAgent.path;
    case 'withdrawal':
      return fields.get('chainId') === '101' ? ENDPOINTS.solanaWithdraw.path : ENDPOINTS.userWithdraw.path;
    case 'order':
      return ENDPOINTS.order.path;
    case 'list':
      return ENDPOINTS.getSubAccountList.path;
    default:
      return undefined;
  }
}

function expectedSigner(summary: SigningSummary, fields: Map<string, string>): string[] | undefined {
  const user = fields.get('user');
  switch (summary.kind) {
    case 'create-sub-account':
      return [fields.has('childSignature') ? user : fields.get('subSourceAddr')].filter(
        (a): a is string => a !== undefined,
      );
    case 'bind-sub-account':
      return [fields.has('childSignature') ? user : fields.get('childAddress')].filter(
        (a): a is string => a !== undefined,
      );
    case 'update-sub-account':
    case 'agent-approval':
      return user === undefined ? undefined : [user];
    case 'transfer': {
      // §4: the wallet key of `user`; an approved agent's key is also accepted since 2026-08.
      const signer = fields.get('signer');
      return [user, signer].filter((a): a is string => a !== undefined);
    }
    case 'login':
    case 'unknown':
      return undefined;
    default: {
      const signer = fields.get('signer');
      return signer === undefined ? undefined : [signer];
    }
  }
}

function createSummary(
  fields: Map<string, string>,
  kind: 'create-sub-account' | 'bind-sub-account',
  context: DecodeContext,
): BodySummary {
  const name = (kind === 'create-sub-account' ? fields.get('subAccountName') : fields.get('name')) ?? '';
  const child =
    (kind === 'create-sub-account' ? fields.get('subSourceAddr') : fields.get('childAddress')) ?? '';
  const master = party('account', fields.get('user') ?? '', context);
  const sub = party('sub-account', child, context);
  const childStep = !fields.has('childSignature');
  const verdicts: Verdict[] = [kind === 'create-sub-account' ? checkSubAccountName(name) : OK];
  if (master.account?.role === 'sub')
    verdicts.push(block('A sub-account cannot create sub-accounts: nesting is not supported.'));
  const childKind = /^0x[0-9a-fA-F]{40}$/.test(child) ? 'evm' : 'solana';
  const masterKind = master.account?.kind ?? (/^0x/.test(master.address) ? 'evm' : 'solana');
  if (childKind !== masterKind)
    verdicts.push(block('The sub-account must be the same kind (EVM or Solana) as its master.'));
  if (sub.account && sub.account.role === 'master')
    verdicts.push(block(`${nameOf(sub)} is a master account: it cannot become a sub-account.`));
  const verb = kind === 'create-sub-account' ? 'Create' : 'Bind';
  return {
    kind,
    title: `${verb} sub-account "${name}" under ${nameOf(master)}${childStep ? ' (approval by the new sub-account key)' : ''}`,
    parties: [master, sub],
    verdict: combineVerdicts(...verdicts),
  };
}

function updateSummary(fields: Map<string, string>, context: DecodeContext): BodySummary {
  const master = party('account', fields.get('user') ?? '', context);
  const sub = party('sub-account', fields.get('subSourceAddr') ?? '', context);
  const status = fields.get('status');
  const newName = fields.get('subAccountName');
  const verb = status === 'FROZEN' ? 'Freeze' : status === 'NORMAL' ? 'Unfreeze' : undefined;
  const verdicts: Verdict[] = [];
  if (status !== undefined && status !== 'NORMAL' && status !== 'FROZEN')
    verdicts.push(block(`Unknown status "${status.slice(0, 20)}".`));
  if (status === undefined && newName === undefined) verdicts.push(block('The request changes nothing.'));
  if (master.account && sub.account)
    verdicts.push(checkManageSubAccount(master.account, sub.account, newName));
  else {
    if (newName !== undefined) verdicts.push(checkSubAccountName(newName));
    if (!sub.account) verdicts.push(warn(`${nameOf(sub)} is not in this vault.`));
  }
  if (status === 'FROZEN')
    verdicts.push(warn('A frozen sub-account can only reduce or close positions and cannot transfer.'));
  const rename = newName === undefined ? '' : `"${newName}"`;
  const title = verb
    ? `${verb} sub-account ${nameOf(sub)}${rename ? ` and rename it to ${rename}` : ''}`
    : rename
      ? `Rename sub-account ${nameOf(sub)} to ${rename}`
      : `Update sub-account ${nameOf(sub)}`;
  return {
    kind: 'update-sub-account',
    title,
    parties: [master, sub],
    changes: { ...(status === undefined ? {} : { status }), ...(newName === undefined ? {} : { newName }) },
    verdict: combineVerdicts(...verdicts),
  };
}

const WALLET_WORDS: Record<string, [string, string]> = {
  FUTURE_FUTURE: ['perp', 'perp'],
  FUTURE_SPOT: ['perp', 'spot'],
  SPOT_FUTURE: ['spot', 'perp'],
  SPOT_SPOT: ['spot', 'spot'],
};

function transferSummary(fields: Map<string, string>, context: DecodeContext): BodySummary {
  const user = fields.get('user') ?? '';
  const fromAddress = fields.get('fromAccountAddress') ?? user;
  const from = party('from', fromAddress, context);
  const to = party('to', fields.get('toAccountAddress') ?? '', context);
  const asset = fields.get('asset') ?? '';
  const amount = fields.get('amount') ?? '';
  const kindType = fields.get('kindType') ?? '';
  const wallets = WALLET_WORDS[kindType];
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

function walletTransferSummary(fields: Map<string, string>, context: DecodeContext): BodySummary {
  const kindType = fields.get('kindType') ?? '';
  const asset = fields.get('asset') ?? '';
  const amount = fields.get('amount') ?? '';
  const user = fields.get('user');
  const parties = user ? [party('account', user, context)] : [];
  const verdicts: Verdict[] = [];
  const wallets =
    kindType === 'FUTURE_SPOT' ? ['perp', 'spot'] : kindType === 'SPOT_FUTURE' ? ['spot', 'perp'] : undefined;
  if (!wallets) verdicts.push(block(`"${kindType.slice(0, 20)}" is not a perp ↔ spot transfer.`));
  if (!isDecimal(amount)) verdicts.push(block('The amount is not a number.'));
  if ((fields.get('clientTranId') ?? '').length >= 64)
    verdicts.push(block('The transfer id is 64 characters or more: Aster refuses it.'));
  const where = parties[0] ? ` in ${nameOf(parties[0])}` : '';
  return {
    kind: 'perp-spot-transfer',
    title: `Move ${amount} ${asset} from ${wallets?.[0] ?? '?'} to ${wallets?.[1] ?? '?'}${where}`,
    parties,
    asset,
    amount,
    verdict: combineVerdicts(...verdicts),
  };
}

function agentApprovalSummary(fields: Map<string, string>, context: DecodeContext): BodySummary {
  const account = party('account', fields.get('user') ?? '', context);
  const agent = party('agent', fields.get('agentAddress') ?? '', context);
  const yes = (name: string) => /^true$/i.test(fields.get(name) ?? '');
  // Conservative: anything but an explicit false (e.g. "1", "true+") counts as asking for withdrawals.
  const canWithdraw = fields.has('canWithdraw') && !/^false$/i.test(fields.get('canWithdraw') ?? '');
  const ips = (fields.get('ipWhitelist') ?? '').split(',').filter((ip) => ip.trim() !== '');
  const rights = [
    yes('canPerpTrade') && 'perp trading',
    yes('canSpotTrade') && 'spot trading',
    canWithdraw && 'WITHDRAWALS',
  ].filter(Boolean);
  const verdicts: Verdict[] = [];
  if (account.account)
    verdicts.push(
      checkAgentApproval({ account: account.account, existingAgents: 0, canWithdraw, ipWhitelist: ips }),
    );
  else
    verdicts.push(
      warn('The account is not in this vault.'),
      ...(canWithdraw && ips.length === 0
        ? [block('An API wallet allowed to withdraw needs an IP whitelist.')]
        : []),
    );
  const expired = Number(fields.get('expired'));
  const until =
    Number.isFinite(expired) && expired > 0 ? ` until ${new Date(expired).toISOString().slice(0, 10)}` : '';
  return {
    kind: 'agent-approval',
    title: `Approve API wallet "${fields.get('agentName') ?? ''}" for ${nameOf(account)}: ${rights.length > 0 ? rights.join(', ') : 'no trading rights'}${until}`,
    parties: [account, agent],
    verdict: combineVerdicts(...verdicts),
  };
}

function withdrawRequestSummary(fields: Map<string, string>, context: DecodeContext): BodySummary {
  const user = fields.get('user');
  const chainId = chainIdOf(fields.get('chainId'));
  const chainName =
    chainId === 101
      ? 'Solana'
      : chainId === undefined
        ? 'an unknown chain'
        : (WITHDRAWAL_CHAINS[chainId] ?? `chain ${chainId}`);
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

function orderSummary(fields: Map<string, string>, context: DecodeContext): BodySummary {
  const user = fields.get('user');
  const account = user ? party('account', user, context) : undefined;
  if (fields.has('batchOrders'))
    return {
      kind: 'order',
      title: `Place a batch of orders${account ? ` for ${nameOf(account)}` : ''}`,
      parties: account ? [account] : [],
      verdict:
        account?.account?.status === 'FROZEN'
          ? warn(`${nameOf(account)} is frozen: only reduce-only or closing orders are accepted.`)
          : OK,
    };
  const rawSide = fields.get('side');
  const side = rawSide === 'SELL' ? 'SELL' : 'BUY';
  const positionSide = fields.get('positionSide');
  const reduceOnly = /^true$/i.test(fields.get('reduceOnly') ?? '');
  const closePosition = /^true$/i.test(fields.get('closePosition') ?? '');
  const quantity = fields.get('quantity') ?? '';
  const symbol = fields.get('symbol') ?? '';
  const verdict = account?.account
    ? checkOrder({
        account: account.account,
        positionMode: positionSide === 'LONG' || positionSide === 'SHORT' ? 'hedge' : 'one-way',
        side,
        reduceOnly,
        closePosition,
        ...(positionSide === 'LONG' || positionSide === 'SHORT' || positionSide === 'BOTH'
          ? { positionSide }
          : {}),
      })
    : OK;
  const price = fields.get('price');
  const orderChecks: Verdict[] = [verdict];
  if (rawSide !== 'BUY' && rawSide !== 'SELL')
    orderChecks.push(block(`"${(rawSide ?? '').slice(0, 12)}" is not a side (BUY or SELL).`));
  if ((quantity && !isDecimal(quantity)) || (price !== undefined && !isDecimal(price)))
    orderChecks.push(block('The quantity or the price is not a number.'));
  return {
    kind: 'order',
    title: `${side === 'BUY' ? 'Buy' : 'Sell'} ${quantity} ${symbol} (${fields.get('type') ?? 'order'}${price ? ` at ${price}` : ''})${reduceOnly ? ', reduce-only' : ''}${account ? ` for ${nameOf(account)}` : ''}`,
    parties: account ? [account] : [],
    ...(quantity ? { amount: quantity } : {}),
    verdict: combineVerdicts(...orderChecks),
  };
}
