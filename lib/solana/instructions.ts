import {
  ComputeBudgetInstruction,
  COMPUTE_BUDGET_PROGRAM_ADDRESS,
  getRequestHeapFrameInstructionDataDecoder,
  getSetComputeUnitLimitInstructionDataDecoder,
  getSetComputeUnitPriceInstructionDataDecoder,
  getSetLoadedAccountsDataSizeLimitInstructionDataDecoder,
  identifyComputeBudgetInstruction,
} from '@solana-program/compute-budget';
import {
  getAdvanceNonceAccountInstructionDataDecoder,
  getAllocateInstructionDataDecoder,
  getAllocateWithSeedInstructionDataDecoder,
  getCreateAccountInstructionDataDecoder,
  getCreateAccountWithSeedInstructionDataDecoder,
  getInitializeNonceAccountInstructionDataDecoder,
  getTransferSolInstructionDataDecoder,
  getTransferSolWithSeedInstructionDataDecoder,
  getUpgradeNonceAccountInstructionDataDecoder,
  getWithdrawNonceAccountInstructionDataDecoder,
  identifySystemInstruction,
  parseAdvanceNonceAccountInstruction,
  parseAllocateInstruction,
  parseAllocateWithSeedInstruction,
  parseCreateAccountInstruction,
  parseCreateAccountWithSeedInstruction,
  parseInitializeNonceAccountInstruction,
  parseTransferSolInstruction,
  parseTransferSolWithSeedInstruction,
  parseUpgradeNonceAccountInstruction,
  parseWithdrawNonceAccountInstruction,
  SYSTEM_PROGRAM_ADDRESS,
  SystemInstruction,
} from '@solana-program/system';
import {
  ASSOCIATED_TOKEN_PROGRAM_ADDRESS,
  AssociatedTokenInstruction,
  getAmountToUiAmountInstructionDataDecoder,
  getBurnCheckedInstructionDataDecoder,
  getBurnInstructionDataDecoder,
  getCloseAccountInstructionDataDecoder,
  getCreateAssociatedTokenIdempotentInstructionDataDecoder,
  getCreateAssociatedTokenInstructionDataDecoder,
  getFreezeAccountInstructionDataDecoder,
  getGetAccountDataSizeInstructionDataDecoder,
  getInitializeAccount2InstructionDataDecoder,
  getInitializeAccount3InstructionDataDecoder,
  getInitializeAccountInstructionDataDecoder,
  getInitializeImmutableOwnerInstructionDataDecoder,
  getInitializeMint2InstructionDataDecoder,
  getInitializeMintInstructionDataDecoder,
  getInitializeMultisig2InstructionDataDecoder,
  getInitializeMultisigInstructionDataDecoder,
  getMintToCheckedInstructionDataDecoder,
  getMintToInstructionDataDecoder,
  getRevokeInstructionDataDecoder,
  getSyncNativeInstructionDataDecoder,
  getThawAccountInstructionDataDecoder,
  getTransferCheckedInstructionDataDecoder,
  getTransferInstructionDataDecoder,
  getUiAmountToAmountInstructionDataDecoder,
  identifyAssociatedTokenInstruction,
  identifyTokenInstruction,
  parseAmountToUiAmountInstruction,
  parseBurnCheckedInstruction,
  parseBurnInstruction,
  parseCloseAccountInstruction,
  parseCreateAssociatedTokenIdempotentInstruction,
  parseCreateAssociatedTokenInstruction,
  parseFreezeAccountInstruction,
  parseGetAccountDataSizeInstruction,
  parseInitializeAccount2Instruction,
  parseInitializeAccount3Instruction,
  parseInitializeAccountInstruction,
  parseInitializeImmutableOwnerInstruction,
  parseInitializeMint2Instruction,
  parseInitializeMintInstruction,
  parseInitializeMultisig2Instruction,
  parseInitializeMultisigInstruction,
  parseMintToCheckedInstruction,
  parseMintToInstruction,
  parseRevokeInstruction,
  parseSyncNativeInstruction,
  parseThawAccountInstruction,
  parseTransferCheckedInstruction,
  parseTransferInstruction,
  parseUiAmountToAmountInstruction,
  TOKEN_PROGRAM_ADDRESS,
  TokenInstruction,
} from '@solana-program/token';
import { AccountRole, type Address, type Decoder, type Instruction } from '@solana/kit';
import { t } from '@/lib/i18n';
import { formatSol, formatUnits } from './format';

/**
 * One instruction of a Solana transaction in plain words, with what it may do to the trader's funds.
 * The official program clients (@solana-program/*) identify and lay out the data; every data field must be
 * read to the last byte. Only what is fully understood is allowed; authority changes, delegations, closes to
 * someone else, Assign, and every instruction or program this file does not read are blocked.
 */

export const TOKEN_2022_PROGRAM_ADDRESS = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';

export const COMPUTE_BUDGET_NAME = 'Compute Budget';

export const PROGRAM_NAMES: Readonly<Record<string, string>> = {
  [SYSTEM_PROGRAM_ADDRESS]: 'System',
  [TOKEN_PROGRAM_ADDRESS]: 'Token',
  [TOKEN_2022_PROGRAM_ADDRESS]: 'Token-2022',
  [ASSOCIATED_TOKEN_PROGRAM_ADDRESS]: 'Associated Token Account',
  [COMPUTE_BUDGET_PROGRAM_ADDRESS]: COMPUTE_BUDGET_NAME,
};

/** Mints whose symbol the prompt may name: only these exact addresses, on the classic Token program. */
const KNOWN_MINTS: Readonly<Record<string, string>> = {
  EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v: 'USDC',
  Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB: 'USDT',
  So11111111111111111111111111111111111111112: 'wrapped SOL',
};

export type ActionLevel = 'ok' | 'warn' | 'block';

export interface SolanaAction {
  /** 'System', 'Token', …, or the program's address when it is not one this file reads. */
  program: string;
  /** The instruction's name, e.g. `transferChecked`; `unknown` when not read. */
  name: string;
  /** Plain words, e.g. `Send 0.5 SOL from "Main" (7xKXtg…9fQa) to 9WzDXw…AWWM`. */
  text: string;
  level: ActionLevel;
  /** Why it is blocked or worth a warning. */
  reason?: string;
  /** Value that leaves an account, exactly as signed (SOL and token transfers, withdrawals). */
  transfer?: { amount: string; asset: string; from: string; to: string };
  /** Each account and value in full, for the details view. */
  fields: Array<[string, string]>;
  computeUnitLimit?: number;
  computeUnitPrice?: bigint;
  /** AdvanceNonceAccount: the transaction does not expire with its blockhash. */
  durableNonce?: boolean;
  /** CreateAssociatedToken(Idempotent): the associated account it creates and the wallet that owns it. */
  createsTokenAccount?: { account: string; owner: string };
}

export interface InstructionInput {
  programAddress: string;
  accounts: string[];
  data: Uint8Array;
}

export interface AddressBook {
  /** `"Main" (7xKXtg…9fQa)` for the trader's own accounts, `9WzDXw…AWWM` for others. */
  label(address: string): string;
  /** One of the trader's own accounts (in the vault). */
  isOurs(address: string): boolean;
}

class Unreadable extends Error {}

/** Every byte of `data` must be a field: trailing bytes could mean something this file does not show. */
function exact<T>(decoder: Decoder<T>, data: Uint8Array): T {
  const [value, end] = decoder.read(data, 0);
  if (end !== data.length) throw new Unreadable(t('decode.solana.ix.trailingBytes'));
  return value;
}

const blocked = (program: string, name: string, text: string, reason: string): SolanaAction => ({
  program,
  name,
  text,
  level: 'block',
  reason,
  fields: [],
});

/** Never throws: what cannot be read becomes a blocked action that says so. */
export function decodeSolanaInstruction(input: InstructionInput, book: AddressBook): SolanaAction {
  const program = Object.hasOwn(PROGRAM_NAMES, input.programAddress)
    ? PROGRAM_NAMES[input.programAddress]
    : undefined;
  if (program === undefined) {
    return blocked(
      input.programAddress,
      'unknown',
      t('decode.solana.ix.callProgram', { program: book.label(input.programAddress) }),
      t('decode.solana.ix.unknownProgram', { program: input.programAddress }),
    );
  }
  const instruction = {
    programAddress: input.programAddress as Address,
    accounts: input.accounts.map((address) => ({ address: address as Address, role: AccountRole.READONLY })),
    data: input.data,
  };
  try {
    const action = decodeKnown(program, instruction, book);
    return { program, ...action, fields: [['program', input.programAddress], ...action.fields] };
  } catch (error) {
    const why = error instanceof Unreadable ? error.message : t('decode.solana.ix.layout');
    return blocked(
      program,
      'unreadable',
      t('decode.solana.ix.unreadableTitle', { program }),
      t('decode.solana.ix.unreadable', { program, why }),
    );
  }
}

type KitInstruction = Instruction & {
  accounts: { address: Address; role: AccountRole }[];
  data: Uint8Array;
};

type Decoded = Omit<SolanaAction, 'program'>;

function decodeKnown(program: string, ix: KitInstruction, book: AddressBook): Decoded {
  switch (ix.programAddress) {
    case SYSTEM_PROGRAM_ADDRESS:
      return decodeSystem(ix, book);
    case TOKEN_PROGRAM_ADDRESS:
    case TOKEN_2022_PROGRAM_ADDRESS:
      return decodeToken(program, ix, book);
    case ASSOCIATED_TOKEN_PROGRAM_ADDRESS:
      return decodeAssociatedToken(ix, book);
    default:
      return decodeComputeBudget(ix);
  }
}

const ok = (
  name: string,
  text: string,
  fields: Array<[string, string]>,
  extra: Partial<Decoded> = {},
): Decoded => ({
  name,
  text,
  level: 'ok',
  fields,
  ...extra,
});

const refuse = (name: string, text: string, reason: string, fields: Array<[string, string]>): Decoded => ({
  name,
  text,
  level: 'block',
  reason,
  fields,
});

const programLabel = (address: string, book: AddressBook) =>
  Object.hasOwn(PROGRAM_NAMES, address)
    ? t('decode.solana.ix.namedProgram', { program: PROGRAM_NAMES[address]! })
    : t('decode.solana.ix.otherProgram', { program: book.label(address) });

/** Programs whose accounts hold no code the trader cannot read: new accounts may belong to them. */
const READABLE_OWNERS = new Set<string>([
  SYSTEM_PROGRAM_ADDRESS,
  TOKEN_PROGRAM_ADDRESS,
  TOKEN_2022_PROGRAM_ADDRESS,
]);

function decodeSystem(ix: KitInstruction, book: AddressBook): Decoded {
  const L = (a: string) => book.label(a);
  switch (identifySystemInstruction(ix.data)) {
    case SystemInstruction.TransferSol: {
      const { source, destination } = parseTransferSolInstruction(ix).accounts;
      const { amount } = exact(getTransferSolInstructionDataDecoder(), ix.data);
      return ok(
        'transfer',
        t('decode.solana.ix.sendSol', {
          amount: formatSol(amount),
          from: L(source.address),
          to: L(destination.address),
        }),
        [
          ['from', source.address],
          ['to', destination.address],
          ['lamports', String(amount)],
        ],
        {
          transfer: {
            amount: formatUnits(amount, 9),
            asset: 'SOL',
            from: source.address,
            to: destination.address,
          },
        },
      );
    }
    case SystemInstruction.TransferSolWithSeed: {
      const { source, baseAccount, destination } = parseTransferSolWithSeedInstruction(ix).accounts;
      const { amount, fromSeed, fromOwner } = exact(getTransferSolWithSeedInstructionDataDecoder(), ix.data);
      return ok(
        'transferWithSeed',
        t('decode.solana.ix.sendSolWithSeed', {
          amount: formatSol(amount),
          from: L(source.address),
          base: L(baseAccount.address),
          to: L(destination.address),
        }),
        [
          ['from', source.address],
          ['base', baseAccount.address],
          ['seed', JSON.stringify(fromSeed)],
          ['seed owner', fromOwner],
          ['to', destination.address],
          ['lamports', String(amount)],
        ],
        {
          transfer: {
            amount: formatUnits(amount, 9),
            asset: 'SOL',
            from: source.address,
            to: destination.address,
          },
        },
      );
    }
    case SystemInstruction.CreateAccount: {
      const { payer, newAccount } = parseCreateAccountInstruction(ix).accounts;
      const { lamports, space, programAddress } = exact(getCreateAccountInstructionDataDecoder(), ix.data);
      return createAccount(
        'createAccount',
        payer.address,
        newAccount.address,
        lamports,
        space,
        programAddress,
        book,
        [],
      );
    }
    case SystemInstruction.CreateAccountWithSeed: {
      const { payer, newAccount } = parseCreateAccountWithSeedInstruction(ix).accounts;
      const { base, seed, amount, space, programAddress } = exact(
        getCreateAccountWithSeedInstructionDataDecoder(),
        ix.data,
      );
      return createAccount(
        'createAccountWithSeed',
        payer.address,
        newAccount.address,
        amount,
        space,
        programAddress,
        book,
        [
          ['base', base],
          ['seed', JSON.stringify(seed)],
        ],
      );
    }
    case SystemInstruction.Allocate: {
      const { newAccount } = parseAllocateInstruction(ix).accounts;
      const { space } = exact(getAllocateInstructionDataDecoder(), ix.data);
      const fields: Array<[string, string]> = [
        ['account', newAccount.address],
        ['bytes', String(space)],
      ];
      const text = t('decode.solana.ix.allocate', { bytes: String(space), account: L(newAccount.address) });
      // An account that carries data can no longer send SOL through the System program: its SOL would be stuck.
      return book.isOurs(newAccount.address)
        ? refuse(
            'allocate',
            text,
            t('decode.solana.ix.allocateOurs', { account: L(newAccount.address) }),
            fields,
          )
        : ok('allocate', text, fields);
    }
    case SystemInstruction.AllocateWithSeed: {
      const { newAccount, baseAccount } = parseAllocateWithSeedInstruction(ix).accounts;
      const { seed, space, programAddress } = exact(getAllocateWithSeedInstructionDataDecoder(), ix.data);
      const fields: Array<[string, string]> = [
        ['account', newAccount.address],
        ['base', baseAccount.address],
        ['seed', JSON.stringify(seed)],
        ['bytes', String(space)],
        ['owner program', programAddress],
      ];
      const text = t('decode.solana.ix.allocateWithSeed', {
        bytes: String(space),
        account: L(newAccount.address),
        base: L(baseAccount.address),
        program: programLabel(programAddress, book),
      });
      return READABLE_OWNERS.has(programAddress)
        ? ok('allocateWithSeed', text, fields)
        : refuse(
            'allocateWithSeed',
            text,
            t('decode.solana.ix.handsToProgram', {
              account: L(newAccount.address),
              program: programLabel(programAddress, book),
            }),
            fields,
          );
    }
    case SystemInstruction.Assign:
    case SystemInstruction.AssignWithSeed: {
      const account = ix.accounts[0]?.address ?? '';
      return refuse(
        'assign',
        t('decode.solana.ix.assign', { account: L(account) }),
        t('decode.solana.ix.assignReason', { account: L(account) }),
        [['account', account]],
      );
    }
    case SystemInstruction.CreateAccountAllowPrefund: {
      const account = ix.accounts[0]?.address ?? '';
      return refuse(
        'createAccountAllowPrefund',
        t('decode.solana.ix.allowPrefund', { account: L(account) }),
        t('decode.solana.ix.allowPrefundReason'),
        [['account', account]],
      );
    }
    case SystemInstruction.AdvanceNonceAccount: {
      const { nonceAccount, nonceAuthority } = parseAdvanceNonceAccountInstruction(ix).accounts;
      exact(getAdvanceNonceAccountInstructionDataDecoder(), ix.data);
      return ok(
        'advanceNonce',
        t('decode.solana.ix.advanceNonce', { account: L(nonceAccount.address) }),
        [
          ['nonce account', nonceAccount.address],
          ['nonce authority', nonceAuthority.address],
        ],
        { durableNonce: true },
      );
    }
    case SystemInstruction.WithdrawNonceAccount: {
      const { nonceAccount, recipientAccount, nonceAuthority } =
        parseWithdrawNonceAccountInstruction(ix).accounts;
      const { withdrawAmount } = exact(getWithdrawNonceAccountInstructionDataDecoder(), ix.data);
      return ok(
        'withdrawNonce',
        t('decode.solana.ix.withdrawNonce', {
          amount: formatSol(withdrawAmount),
          account: L(nonceAccount.address),
          to: L(recipientAccount.address),
        }),
        [
          ['from', nonceAccount.address],
          ['to', recipientAccount.address],
          ['nonce authority', nonceAuthority.address],
          ['lamports', String(withdrawAmount)],
        ],
        {
          transfer: {
            amount: formatUnits(withdrawAmount, 9),
            asset: 'SOL',
            from: nonceAccount.address,
            to: recipientAccount.address,
          },
        },
      );
    }
    case SystemInstruction.InitializeNonceAccount: {
      const { nonceAccount } = parseInitializeNonceAccountInstruction(ix).accounts;
      const { nonceAuthority } = exact(getInitializeNonceAccountInstructionDataDecoder(), ix.data);
      const fields: Array<[string, string]> = [
        ['nonce account', nonceAccount.address],
        ['authority', nonceAuthority],
      ];
      const text = t('decode.solana.ix.initializeNonce', {
        account: L(nonceAccount.address),
        authority: L(nonceAuthority),
      });
      // Its authority can withdraw the account's SOL: only one of the trader's own accounts may hold it.
      return book.isOurs(nonceAuthority)
        ? ok('initializeNonce', text, fields)
        : refuse(
            'initializeNonce',
            text,
            t('decode.solana.ix.initializeNonceReason', {
              account: L(nonceAccount.address),
              authority: L(nonceAuthority),
            }),
            fields,
          );
    }
    case SystemInstruction.AuthorizeNonceAccount: {
      const account = ix.accounts[0]?.address ?? '';
      return refuse(
        'authorizeNonce',
        t('decode.solana.ix.authorizeNonce', { account: L(account) }),
        t('decode.solana.ix.authorizeNonceReason', { account: L(account) }),
        [['nonce account', account]],
      );
    }
    case SystemInstruction.UpgradeNonceAccount: {
      const { nonceAccount } = parseUpgradeNonceAccountInstruction(ix).accounts;
      exact(getUpgradeNonceAccountInstructionDataDecoder(), ix.data);
      return ok('upgradeNonce', t('decode.solana.ix.upgradeNonce', { account: L(nonceAccount.address) }), [
        ['nonce account', nonceAccount.address],
      ]);
    }
    default:
      throw new Unreadable(t('decode.solana.ix.notSystem'));
  }
}

function createAccount(
  name: string,
  payer: string,
  account: string,
  lamports: bigint,
  space: bigint,
  owner: string,
  book: AddressBook,
  extra: Array<[string, string]>,
): Decoded {
  const fields: Array<[string, string]> = [
    ['payer', payer],
    ['new account', account],
    ...extra,
    ['lamports', String(lamports)],
    ['bytes', String(space)],
    ['owner program', owner],
  ];
  const text = t('decode.solana.ix.createAccount', {
    account: book.label(account),
    amount: formatSol(lamports),
    payer: book.label(payer),
    bytes: String(space),
    program: programLabel(owner, book),
  });
  const transfer = { amount: formatUnits(lamports, 9), asset: 'SOL', from: payer, to: account };
  // The SOL belongs to whatever program owns the new account: only programs read here may own it.
  return READABLE_OWNERS.has(owner)
    ? ok(name, text, fields, { transfer })
    : refuse(
        name,
        text,
        t('decode.solana.ix.createAccountReason', {
          amount: formatSol(lamports),
          program: programLabel(owner, book),
        }),
        fields,
      );
}

const symbolOf = (program: string, mint: string | undefined) =>
  program === 'Token' && mint !== undefined && Object.hasOwn(KNOWN_MINTS, mint)
    ? KNOWN_MINTS[mint]
    : undefined;

/**
 * An amount of a token in words, whole so that each language orders it: a known symbol only for its exact
 * mint, else the mint's address; raw base units when the instruction gives no decimals.
 */
function tokens(
  amount: bigint,
  decimals: number | undefined,
  program: string,
  mint: string | undefined,
  book: AddressBook,
): string {
  const symbol = mint === undefined ? undefined : symbolOf(program, mint);
  const words = {
    amount: decimals === undefined ? String(amount) : formatUnits(amount, decimals),
    symbol: symbol ?? '',
    mint: mint === undefined ? '' : book.label(mint),
  };
  if (decimals === undefined)
    return mint === undefined
      ? t('decode.solana.ix.baseUnitsUnnamed', words)
      : symbol
        ? t('decode.solana.ix.baseUnitsSymbol', words)
        : t('decode.solana.ix.baseUnitsMint', words);
  return mint === undefined
    ? t('decode.solana.ix.tokensUnnamed', words)
    : symbol
      ? t('decode.solana.ix.tokensSymbol', words)
      : t('decode.solana.ix.tokensMint', words);
}

function decodeToken(program: string, ix: KitInstruction, book: AddressBook): Decoded {
  const L = (a: string) => book.label(a);
  const kind = identifyTokenInstruction(ix.data);
  switch (kind) {
    case TokenInstruction.Transfer:
    case TokenInstruction.TransferChecked: {
      const checked = kind === TokenInstruction.TransferChecked;
      const { source, destination, authority, mint } = checked
        ? parseTransferCheckedInstruction(ix).accounts
        : { ...parseTransferInstruction(ix).accounts, mint: undefined };
      const { amount, decimals } = checked
        ? exact(getTransferCheckedInstructionDataDecoder(), ix.data)
        : { ...exact(getTransferInstructionDataDecoder(), ix.data), decimals: undefined };
      return {
        name: checked ? 'transferChecked' : 'transfer',
        text: t('decode.solana.ix.sendTokens', {
          tokens: tokens(amount, decimals, program, mint?.address, book),
          from: L(source.address),
          to: L(destination.address),
          authority: L(authority.address),
        }),
        level: program === 'Token-2022' ? 'warn' : 'ok',
        ...(program === 'Token-2022'
          ? {
              reason: t('decode.solana.ix.token2022'),
            }
          : {}),
        transfer: {
          amount:
            decimals === undefined
              ? t('decode.solana.ix.baseUnits', { amount: String(amount) })
              : formatUnits(amount, decimals),
          asset:
            symbolOf(program, mint?.address) ??
            (mint
              ? t('decode.solana.ix.tokenOfMint', { mint: mint.address })
              : t('decode.solana.ix.tokenUnnamed')),
          from: source.address,
          to: destination.address,
        },
        fields: [
          ['from token account', source.address],
          ['to token account', destination.address],
          ['authority', authority.address],
          ...(mint ? ([['mint', mint.address]] as Array<[string, string]>) : []),
          ['amount (base units)', String(amount)],
          ...(decimals !== undefined ? ([['decimals', String(decimals)]] as Array<[string, string]>) : []),
        ],
      };
    }
    case TokenInstruction.Approve:
    case TokenInstruction.ApproveChecked: {
      const [source = '', second = '', third = ''] = ix.accounts.map((a) => a.address);
      const delegate = kind === TokenInstruction.ApproveChecked ? third : second;
      return refuse(
        kind === TokenInstruction.ApproveChecked ? 'approveChecked' : 'approve',
        t('decode.solana.ix.approve', { delegate: L(delegate), account: L(source) }),
        t('decode.solana.ix.approveReason', { delegate: L(delegate), account: L(source) }),
        [
          ['token account', source],
          ['delegate', delegate],
        ],
      );
    }
    case TokenInstruction.SetAuthority: {
      const account = ix.accounts[0]?.address ?? '';
      return refuse(
        'setAuthority',
        t('decode.solana.ix.setAuthority', { account: L(account) }),
        t('decode.solana.ix.setAuthorityReason', { account: L(account) }),
        [['account', account]],
      );
    }
    case TokenInstruction.CloseAccount: {
      const { account, destination, owner } = parseCloseAccountInstruction(ix).accounts;
      exact(getCloseAccountInstructionDataDecoder(), ix.data);
      const fields: Array<[string, string]> = [
        ['token account', account.address],
        ['SOL goes to', destination.address],
        ['owner', owner.address],
      ];
      const text = t('decode.solana.ix.close', { account: L(account.address), to: L(destination.address) });
      return book.isOurs(destination.address)
        ? ok('closeAccount', text, fields)
        : refuse(
            'closeAccount',
            text,
            t('decode.solana.ix.closeReason', { account: L(account.address), to: L(destination.address) }),
            fields,
          );
    }
    case TokenInstruction.Revoke: {
      const { source, owner } = parseRevokeInstruction(ix).accounts;
      exact(getRevokeInstructionDataDecoder(), ix.data);
      return ok('revoke', t('decode.solana.ix.revoke', { account: L(source.address) }), [
        ['token account', source.address],
        ['owner', owner.address],
      ]);
    }
    case TokenInstruction.MintTo:
    case TokenInstruction.MintToChecked: {
      const checked = kind === TokenInstruction.MintToChecked;
      const { mint, token, mintAuthority } = (
        checked ? parseMintToCheckedInstruction : parseMintToInstruction
      )(ix).accounts;
      const { amount, decimals } = checked
        ? exact(getMintToCheckedInstructionDataDecoder(), ix.data)
        : { ...exact(getMintToInstructionDataDecoder(), ix.data), decimals: undefined };
      return ok(
        checked ? 'mintToChecked' : 'mintTo',
        t('decode.solana.ix.mintTo', {
          tokens: tokens(amount, decimals, program, mint.address, book),
          account: L(token.address),
        }),
        [
          ['mint', mint.address],
          ['to token account', token.address],
          ['mint authority', mintAuthority.address],
          ['amount (base units)', String(amount)],
        ],
      );
    }
    case TokenInstruction.Burn:
    case TokenInstruction.BurnChecked: {
      const checked = kind === TokenInstruction.BurnChecked;
      const { account, mint, authority } = (checked ? parseBurnCheckedInstruction : parseBurnInstruction)(
        ix,
      ).accounts;
      const { amount, decimals } = checked
        ? exact(getBurnCheckedInstructionDataDecoder(), ix.data)
        : { ...exact(getBurnInstructionDataDecoder(), ix.data), decimals: undefined };
      return {
        name: checked ? 'burnChecked' : 'burn',
        text: t('decode.solana.ix.burn', {
          tokens: tokens(amount, decimals, program, mint.address, book),
          account: L(account.address),
        }),
        level: 'warn',
        reason: t('decode.solana.ix.burnReason', {
          tokens: tokens(amount, decimals, program, mint.address, book),
        }),
        fields: [
          ['token account', account.address],
          ['mint', mint.address],
          ['authority', authority.address],
          ['amount (base units)', String(amount)],
        ],
      };
    }
    case TokenInstruction.FreezeAccount:
    case TokenInstruction.ThawAccount: {
      const freeze = kind === TokenInstruction.FreezeAccount;
      const { account, mint, owner } = (freeze ? parseFreezeAccountInstruction : parseThawAccountInstruction)(
        ix,
      ).accounts;
      exact(
        freeze ? getFreezeAccountInstructionDataDecoder() : getThawAccountInstructionDataDecoder(),
        ix.data,
      );
      return ok(
        freeze ? 'freezeAccount' : 'thawAccount',
        freeze
          ? t('decode.solana.ix.freeze', { account: L(account.address), mint: L(mint.address) })
          : t('decode.solana.ix.thaw', { account: L(account.address), mint: L(mint.address) }),
        [
          ['token account', account.address],
          ['mint', mint.address],
          ['freeze authority', owner.address],
        ],
      );
    }
    case TokenInstruction.InitializeMint:
    case TokenInstruction.InitializeMint2: {
      const legacy = kind === TokenInstruction.InitializeMint;
      const { mint } = (legacy ? parseInitializeMintInstruction : parseInitializeMint2Instruction)(
        ix,
      ).accounts;
      const data = exact(
        legacy ? getInitializeMintInstructionDataDecoder() : getInitializeMint2InstructionDataDecoder(),
        ix.data,
      );
      const freeze = data.freezeAuthority.__option === 'Some' ? data.freezeAuthority.value : undefined;
      return ok(
        legacy ? 'initializeMint' : 'initializeMint2',
        freeze
          ? t('decode.solana.ix.initializeMintFreeze', {
              mint: L(mint.address),
              decimals: String(data.decimals),
              authority: L(data.mintAuthority),
              freezer: L(freeze),
            })
          : t('decode.solana.ix.initializeMint', {
              mint: L(mint.address),
              decimals: String(data.decimals),
              authority: L(data.mintAuthority),
            }),
        [
          ['mint', mint.address],
          ['decimals', String(data.decimals)],
          ['mint authority', data.mintAuthority],
          ['freeze authority', freeze ?? 'none'],
        ],
      );
    }
    case TokenInstruction.InitializeAccount:
    case TokenInstruction.InitializeAccount2:
    case TokenInstruction.InitializeAccount3: {
      let account: string, mint: string, owner: string;
      if (kind === TokenInstruction.InitializeAccount) {
        const parsed = parseInitializeAccountInstruction(ix).accounts;
        exact(getInitializeAccountInstructionDataDecoder(), ix.data);
        [account, mint, owner] = [parsed.account.address, parsed.mint.address, parsed.owner.address];
      } else {
        const second = kind === TokenInstruction.InitializeAccount2;
        const parsed = (second ? parseInitializeAccount2Instruction : parseInitializeAccount3Instruction)(
          ix,
        ).accounts;
        const data = exact(
          second
            ? getInitializeAccount2InstructionDataDecoder()
            : getInitializeAccount3InstructionDataDecoder(),
          ix.data,
        );
        [account, mint, owner] = [parsed.account.address, parsed.mint.address, data.owner];
      }
      const text = t('decode.solana.ix.initializeAccount', {
        account: L(account),
        mint: L(mint),
        owner: L(owner),
      });
      const fields: Array<[string, string]> = [
        ['token account', account],
        ['mint', mint],
        ['owner', owner],
      ];
      // Its owner can close it and take its SOL: with a funded new account, that is a transfer in disguise.
      return book.isOurs(owner)
        ? ok('initializeAccount', text, fields)
        : refuse(
            'initializeAccount',
            text,
            t('decode.solana.ix.initializeAccountReason', { account: L(account), owner: L(owner) }),
            fields,
          );
    }
    case TokenInstruction.InitializeMultisig:
    case TokenInstruction.InitializeMultisig2: {
      const legacy = kind === TokenInstruction.InitializeMultisig;
      const { multisig } = (
        legacy ? parseInitializeMultisigInstruction : parseInitializeMultisig2Instruction
      )(ix).accounts;
      const { m } = exact(
        legacy
          ? getInitializeMultisigInstructionDataDecoder()
          : getInitializeMultisig2InstructionDataDecoder(),
        ix.data,
      );
      const signers = ix.accounts.slice(legacy ? 2 : 1).map((a) => a.address);
      return ok(
        'initializeMultisig',
        t('decode.solana.ix.multisig', {
          account: L(multisig.address),
          required: String(m),
          count: String(signers.length),
          signers: signers.map(L).join(', '),
        }),
        [
          ['multisig', multisig.address],
          ['required', String(m)],
          ...signers.map((s, i): [string, string] => [`signer ${i + 1}`, s]),
        ],
      );
    }
    case TokenInstruction.SyncNative: {
      const { account } = parseSyncNativeInstruction(ix).accounts;
      exact(getSyncNativeInstructionDataDecoder(), ix.data);
      return ok('syncNative', t('decode.solana.ix.syncNative', { account: L(account.address) }), [
        ['token account', account.address],
      ]);
    }
    case TokenInstruction.InitializeImmutableOwner: {
      const { account } = parseInitializeImmutableOwnerInstruction(ix).accounts;
      exact(getInitializeImmutableOwnerInstructionDataDecoder(), ix.data);
      return ok(
        'initializeImmutableOwner',
        t('decode.solana.ix.immutableOwner', { account: L(account.address) }),
        [['token account', account.address]],
      );
    }
    case TokenInstruction.GetAccountDataSize: {
      const { mint } = parseGetAccountDataSizeInstruction(ix).accounts;
      exact(getGetAccountDataSizeInstructionDataDecoder(), ix.data);
      return ok('getAccountDataSize', t('decode.solana.ix.accountDataSize', { mint: L(mint.address) }), [
        ['mint', mint.address],
      ]);
    }
    case TokenInstruction.AmountToUiAmount: {
      const { mint } = parseAmountToUiAmountInstruction(ix).accounts;
      exact(getAmountToUiAmountInstructionDataDecoder(), ix.data);
      return ok('amountToUiAmount', t('decode.solana.ix.convertAmount', { mint: L(mint.address) }), [
        ['mint', mint.address],
      ]);
    }
    case TokenInstruction.UiAmountToAmount: {
      const { mint } = parseUiAmountToAmountInstruction(ix).accounts;
      exact(getUiAmountToAmountInstructionDataDecoder(), ix.data);
      return ok('uiAmountToAmount', t('decode.solana.ix.convertAmount', { mint: L(mint.address) }), [
        ['mint', mint.address],
      ]);
    }
    default:
      // WithdrawExcessLamports, UnwrapLamports, Batch and Token-2022's extension instructions.
      throw new Unreadable(t('decode.solana.ix.notRead', { instruction: String(ix.data[0]) }));
  }
}

function decodeAssociatedToken(ix: KitInstruction, book: AddressBook): Decoded {
  // Empty data is the original Create (what @solana/spl-token still builds).
  const kind =
    ix.data.length === 0
      ? AssociatedTokenInstruction.CreateAssociatedToken
      : identifyAssociatedTokenInstruction(ix.data);
  if (kind === AssociatedTokenInstruction.RecoverNestedAssociatedToken)
    throw new Unreadable(t('decode.solana.ix.recoverNested'));
  const idempotent = kind === AssociatedTokenInstruction.CreateAssociatedTokenIdempotent;
  const { payer, ata, owner, mint, tokenProgram } = (
    idempotent ? parseCreateAssociatedTokenIdempotentInstruction : parseCreateAssociatedTokenInstruction
  )({ ...ix, data: ix.data.length === 0 ? new Uint8Array([0]) : ix.data }).accounts;
  if (ix.data.length > 0)
    exact(
      idempotent
        ? getCreateAssociatedTokenIdempotentInstructionDataDecoder()
        : getCreateAssociatedTokenInstructionDataDecoder(),
      ix.data,
    );
  if (tokenProgram.address !== TOKEN_PROGRAM_ADDRESS && tokenProgram.address !== TOKEN_2022_PROGRAM_ADDRESS)
    throw new Unreadable(t('decode.solana.ix.tokenProgram'));
  const words = {
    owner: book.label(owner.address),
    mint: book.label(mint.address),
    payer: book.label(payer.address),
  };
  return ok(
    idempotent ? 'createIdempotent' : 'create',
    idempotent ? t('decode.solana.ix.createAtaIfMissing', words) : t('decode.solana.ix.createAta', words),
    [
      ['payer', payer.address],
      ['token account', ata.address],
      ['wallet', owner.address],
      ['mint', mint.address],
      ['token program', tokenProgram.address],
    ],
    { createsTokenAccount: { account: ata.address, owner: owner.address } },
  );
}

function decodeComputeBudget(ix: KitInstruction): Decoded {
  switch (identifyComputeBudgetInstruction(ix.data)) {
    case ComputeBudgetInstruction.SetComputeUnitLimit: {
      const { units } = exact(getSetComputeUnitLimitInstructionDataDecoder(), ix.data);
      return ok(
        'setComputeUnitLimit',
        t('decode.solana.ix.computeLimit', { units: String(units) }),
        [['units', String(units)]],
        {
          computeUnitLimit: units,
        },
      );
    }
    case ComputeBudgetInstruction.SetComputeUnitPrice: {
      const { microLamports } = exact(getSetComputeUnitPriceInstructionDataDecoder(), ix.data);
      return ok(
        'setComputeUnitPrice',
        t('decode.solana.ix.computePrice', { price: String(microLamports) }),
        [['micro-lamports per unit', String(microLamports)]],
        {
          computeUnitPrice: microLamports,
        },
      );
    }
    case ComputeBudgetInstruction.RequestHeapFrame: {
      const { bytes } = exact(getRequestHeapFrameInstructionDataDecoder(), ix.data);
      return ok('requestHeapFrame', t('decode.solana.ix.heap', { bytes: String(bytes) }), [
        ['bytes', String(bytes)],
      ]);
    }
    case ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit: {
      const { accountDataSizeLimit } = exact(
        getSetLoadedAccountsDataSizeLimitInstructionDataDecoder(),
        ix.data,
      );
      return ok(
        'setLoadedAccountsDataSizeLimit',
        t('decode.solana.ix.dataLimit', { bytes: String(accountDataSizeLimit) }),
        [['bytes', String(accountDataSizeLimit)]],
      );
    }
    default:
      throw new Unreadable(t('decode.solana.ix.retired'));
  }
}
