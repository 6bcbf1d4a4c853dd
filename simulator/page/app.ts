import {
  api,
  ExchangeError,
  nextNonce,
  postSigned,
  signedText,
  type AccountSummary,
  type Field,
} from './api';
import { loginText, WITHDRAWAL_CHAINS, type Withdrawal } from './messages';
import { generateSubKey } from './sub-key';
import { watchWallets, type ConnectedWallet, type WalletChoice } from './wallets';

/**
 * The simulator's exchange page: connect a wallet (EIP-6963 or Wallet Standard), sign in with the login
 * text, see balances, manage sub-accounts (the new key is shown once), transfer and withdraw — every
 * signature made by the wallet. Plain DOM; all text goes through textContent.
 */

type Section = 'wallet' | 'subs' | 'transfer' | 'withdraw';

function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}.`);
  return element as T;
}

const SIGNING_CHAIN_ID = Number(
  document.querySelector<HTMLMetaElement>('meta[name="aster-signing-chain-id"]')?.content ?? '1666',
);

let wallet: ConnectedWallet | null = null;
let stopWatchingAccount: (() => void) | null = null;
let session: { token: string; address: string } | null = null;
/** The user asked to be signed in: an account change signs in again (the wallet may do it without a prompt). */
let wantSignedIn = false;
/** Bumped whenever the wallet's account or the session changes, so answers for an older account are dropped. */
let generation = 0;

// --- Messages ---

function describe(error: unknown): string {
  if (error instanceof ExchangeError) return `${error.message} (code ${error.code})`;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 4001) return 'You rejected the request in the wallet.';
  const short = (error as { shortMessage?: unknown } | null)?.shortMessage;
  if (typeof short === 'string') return short;
  return error instanceof Error ? error.message : String(error);
}

function say(section: Section, text: string): void {
  $(`${section}-status`).textContent = text;
  $(`${section}-error`).textContent = '';
}

function complain(section: Section, error: unknown): void {
  $(`${section}-status`).textContent = '';
  $(`${section}-error`).textContent = describe(error);
}

/** Runs one form action with its buttons disabled, reporting progress and errors in its section. */
async function busy(section: Section, form: HTMLElement | null, action: () => Promise<void>): Promise<void> {
  const buttons = form ? Array.from(form.querySelectorAll('button')) : [];
  buttons.forEach((b) => (b.disabled = true));
  form?.setAttribute('aria-busy', 'true');
  try {
    await action();
  } catch (error) {
    complain(section, error);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    form?.removeAttribute('aria-busy');
  }
}

// --- Wallet picker ---

function renderChoices(choices: WalletChoice[]): void {
  const list = $('wallet-list');
  list.replaceChildren(
    ...choices.map((choice) => {
      const button = document.createElement('button');
      button.type = 'button';
      const icon = document.createElement('img');
      icon.src = choice.icon;
      icon.alt = '';
      icon.width = 24;
      icon.height = 24;
      const name = document.createElement('span');
      name.textContent = choice.name;
      const kind = document.createElement('span');
      kind.className = 'muted';
      kind.textContent = choice.kind === 'evm' ? '(EVM)' : '(Solana)';
      button.append(icon, name, ' ', kind);
      button.addEventListener('click', () => void connect(choice));
      const item = document.createElement('li');
      item.append(button);
      return item;
    }),
  );
  $('no-wallets').hidden = choices.length > 0;
}

function togglePicker(open: boolean): void {
  $('wallet-picker').hidden = !open;
  $('connect').setAttribute('aria-expanded', String(open));
}

function renderWallet(): void {
  const state = $('wallet-state');
  if (!wallet) state.textContent = 'Not connected.';
  else if (!wallet.address) state.textContent = `${wallet.name}: disconnected.`;
  else state.textContent = `Connected to ${wallet.name}: ${wallet.address}`;
  $('sign-in').hidden = !wallet?.address;
  $('sign-out').hidden = session === null;
}

async function connect(choice: WalletChoice): Promise<void> {
  const mine = ++generation;
  stopWatchingAccount?.();
  stopWatchingAccount = null;
  wallet = null;
  wantSignedIn = false;
  endSession();
  say('wallet', `Connecting to ${choice.name}…`);
  try {
    const connected = await choice.connect();
    if (mine !== generation) return;
    wallet = connected;
    stopWatchingAccount = connected.onAccountChange(accountChanged);
    togglePicker(false);
    renderWallet();
    say('wallet', `Connected to ${connected.name}.`);
  } catch (error) {
    if (mine === generation) complain('wallet', error);
  }
}

function accountChanged(address: string | null): void {
  generation++;
  endSession();
  renderWallet();
  if (address === null) {
    say('wallet', 'The wallet disconnected: no account is shared with this page.');
    return;
  }
  say('wallet', `The wallet switched to ${address}.`);
  if (wantSignedIn) void signIn();
}

// --- Session ---

function endSession(): void {
  session = null;
  for (const id of ['account-section', 'subs-section', 'transfer-section', 'withdraw-section'])
    $(id).hidden = true;
  renderWallet();
}

async function signIn(): Promise<void> {
  const current = wallet;
  if (!current?.address) return;
  const mine = ++generation;
  const address = current.address;
  const solana = current.kind === 'solana';
  wantSignedIn = true;
  endSession();
  try {
    say('wallet', 'Requesting a login nonce…');
    const { nonce } = await api.loginNonce(address, solana);
    say('wallet', 'Sign the login message in your wallet…');
    const signature = await current.signLogin(loginText(nonce));
    if (mine !== generation) return;
    const { token } = await api.login(address, signature, solana);
    if (mine !== generation) return;
    session = { token, address };
    await refresh();
    if (mine === generation) say('wallet', `Signed in as ${address}.`);
  } catch (error) {
    if (mine === generation) complain('wallet', error);
  }
}

function signOut(): void {
  generation++;
  wantSignedIn = false;
  endSession();
  say('wallet', 'Signed out.');
}

/** Reads the signed-in account again (after every change) and redraws it. */
async function refresh(): Promise<void> {
  const token = session?.token;
  if (!token) return;
  const data = await api.account(token);
  if (session?.token !== token) return;
  renderAccount(data);
}

// --- Account, sub-accounts, forms ---

function cells(...texts: string[]): HTMLTableRowElement {
  const row = document.createElement('tr');
  for (const text of texts) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.append(cell);
  }
  return row;
}

function fillSelect(select: HTMLSelectElement, options: Array<{ value: string; label: string }>): void {
  const previous = select.value;
  select.replaceChildren(
    ...options.map(({ value, label }) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      return option;
    }),
  );
  if (options.some((o) => o.value === previous)) select.value = previous;
}

function renderAccount(data: AccountSummary): void {
  $('account-name').textContent =
    `${data.name} (${data.role === 'master' ? 'master account' : 'sub-account'}${data.status === 'FROZEN' ? ', frozen' : ''})`;
  $('signed-in-address').textContent = data.address;
  $('balances')
    .querySelector('tbody')!
    .replaceChildren(
      ...data.futures.map((b) => cells('Perp', b.asset, b.walletBalance, b.maxWithdrawAmount)),
      ...data.spot.map((b) => cells('Spot', b.asset, b.walletBalance, b.maxWithdrawAmount)),
    );

  const isMaster = data.role === 'master';
  $('subs-manage').hidden = !isMaster;
  const note = $('subs-note');
  note.hidden = isMaster;
  note.textContent = data.master
    ? `This is a sub-account of ${data.master.name}: only the master account manages sub-accounts.`
    : '';
  $('sub-accounts')
    .querySelector('tbody')!
    .replaceChildren(...data.subAccounts.map((s) => cells(s.name, s.address, s.status)));

  const self = { value: data.address, label: `${data.name} (this account)` };
  const family = isMaster
    ? [self, ...data.subAccounts.map((s) => ({ value: s.address, label: s.name }))]
    : [self, ...(data.master ? [{ value: data.master.address, label: data.master.name }] : [])];
  // A master may move funds out of its subs (fromAccountAddress); a sub only moves its own funds.
  fillSelect($<HTMLSelectElement>('transfer-from'), isMaster ? family : [self]);
  fillSelect($<HTMLSelectElement>('transfer-to'), family);
  if ($<HTMLSelectElement>('transfer-to').value === $<HTMLSelectElement>('transfer-from').value && family[1])
    $<HTMLSelectElement>('transfer-to').value = family[1].value;

  const kind = data.address.startsWith('0x') ? 'evm' : 'solana';
  const chainSelect = $<HTMLSelectElement>('withdraw-chain');
  fillSelect(
    chainSelect,
    WITHDRAWAL_CHAINS.filter((c) => c.kind === kind).map((c) => ({
      value: String(c.chainId),
      label: c.name,
    })),
  );
  const receiver = $<HTMLInputElement>('withdraw-receiver');
  if (receiver.dataset.owner !== data.address) {
    receiver.value = data.address;
    receiver.dataset.owner = data.address;
  }
  if ($<HTMLInputElement>('withdraw-fee').value === '') void estimateFee();

  for (const id of ['account-section', 'subs-section', 'transfer-section', 'withdraw-section'])
    $(id).hidden = false;
  renderWallet();
}

function requireSession(): { wallet: ConnectedWallet; session: { token: string; address: string } } {
  if (!wallet || !session || wallet.address !== session.address)
    throw new Error('Sign in with the wallet first.');
  return { wallet, session };
}

const AMOUNT = /^\d{1,30}(\.\d{1,18})?$/;

async function createSubAccount(): Promise<void> {
  const { wallet: signer, session: current } = requireSession();
  const name = $<HTMLInputElement>('sub-name').value.trim();
  const key = generateSubKey(signer.kind);
  const fields: Field[] = [
    ['subAccountName', name],
    ['subSourceAddr', key.address],
    ['nonce', nextNonce()],
    ['user', current.address],
    ['signer', current.address], // the wallet itself signs: no API wallet involved
  ];
  say('subs', 'Signing with the new sub-account key…');
  const childSignature = await key.sign(signedText(fields), SIGNING_CHAIN_ID);
  const signedFields: Field[] = [...fields, ['childSignature', childSignature]];
  say('subs', 'Approve the new sub-account in your wallet…');
  const signature = await signer.signAsterMessage(signedText(signedFields), SIGNING_CHAIN_ID);
  const created = await postSigned<{ subAccountName: string; subSourceAddr: string }>(
    '/fapi/v3/createSubAccount',
    signedFields,
    signature,
  );
  $<HTMLInputElement>('sub-name').value = '';
  say('subs', `Sub-account ${created.subAccountName} created.`);
  showKeyOnce(created.subAccountName, key.address, key.secret);
  await refresh();
}

async function transfer(): Promise<void> {
  const { wallet: signer, session: current } = requireSession();
  const from = $<HTMLSelectElement>('transfer-from').value;
  const to = $<HTMLSelectElement>('transfer-to').value;
  const asset = $<HTMLInputElement>('transfer-asset').value.trim().toUpperCase();
  const amount = $<HTMLInputElement>('transfer-amount').value.trim();
  if (!AMOUNT.test(amount)) throw new Error('Enter the amount as a number, for example 25 or 0.5.');
  if (from === to) throw new Error('Choose two different accounts.');
  const kindType = `${$<HTMLSelectElement>('transfer-from-wallet').value}_${$<HTMLSelectElement>('transfer-to-wallet').value}`;
  const fields: Field[] = [
    ['toAccountAddress', to],
    ['asset', asset],
    ['amount', amount],
    ['kindType', kindType],
    ['nonce', nextNonce()],
    ['user', current.address],
    ['signer', current.address],
    ...(from !== current.address ? [['fromAccountAddress', from] as const] : []),
  ];
  say('transfer', 'Approve the transfer in your wallet…');
  const signature = await signer.signAsterMessage(signedText(fields), SIGNING_CHAIN_ID);
  const result = await postSigned<{ tranId: string }>('/fapi/v3/subAccountTransfer', fields, signature);
  say('transfer', `Transfer done: ${amount} ${asset} (transaction ${result.tranId}).`);
  await refresh();
}

async function estimateFee(): Promise<void> {
  const chainId = Number($<HTMLSelectElement>('withdraw-chain').value);
  const asset = $<HTMLInputElement>('withdraw-asset').value.trim().toUpperCase();
  if (!chainId || !asset) return;
  try {
    $<HTMLInputElement>('withdraw-fee').value = await api.estimateFee(chainId, asset);
  } catch (error) {
    complain('withdraw', error);
  }
}

async function withdraw(): Promise<void> {
  const { wallet: signer, session: current } = requireSession();
  const withdrawal: Withdrawal = {
    chainId: Number($<HTMLSelectElement>('withdraw-chain').value),
    asset: $<HTMLInputElement>('withdraw-asset').value.trim().toUpperCase(),
    amount: $<HTMLInputElement>('withdraw-amount').value.trim(),
    fee: $<HTMLInputElement>('withdraw-fee').value.trim(),
    receiver: $<HTMLInputElement>('withdraw-receiver').value.trim(),
    userNonce: nextNonce(),
  };
  if (!AMOUNT.test(withdrawal.amount) || !AMOUNT.test(withdrawal.fee))
    throw new Error('Enter the amount and the fee as numbers, for example 25 or 0.5.');
  say('withdraw', 'Approve the withdrawal in your wallet…');
  const userSignature = await signer.signWithdrawal(withdrawal);
  const result = await api.withdraw(current.token, {
    ...withdrawal,
    chainId: String(withdrawal.chainId),
    userSignature,
  });
  say('withdraw', `Withdrawal accepted (id ${result.withdrawId}).`);
  await refresh();
}

// --- The one-time key dialog (seed: "shown only once", confirm, then confirm again) ---

function showKeyOnce(name: string, address: string, secret: string): void {
  $('key-sub-name').textContent = name;
  $('key-sub-address').textContent = address;
  $('new-key').textContent = secret;
  $('key-step-1').hidden = false;
  $('key-step-2').hidden = true;
  $<HTMLDialogElement>('key-dialog').showModal();
}

function wireKeyDialog(): void {
  const dialog = $<HTMLDialogElement>('key-dialog');
  // Escape must not skip the two confirmations.
  dialog.addEventListener('cancel', (event) => event.preventDefault());
  // However it closes, the key leaves the page with it.
  dialog.addEventListener('close', () => {
    for (const id of ['new-key', 'key-sub-name', 'key-sub-address']) $(id).textContent = '';
  });
  $('key-saved').addEventListener('click', () => {
    $('key-step-1').hidden = true;
    $('key-step-2').hidden = false;
    $('key-confirm').focus();
  });
  $('key-back').addEventListener('click', () => {
    $('key-step-2').hidden = true;
    $('key-step-1').hidden = false;
    $('key-saved').focus();
  });
  $('key-confirm').addEventListener('click', () => dialog.close());
}

// --- Wiring ---

function onSubmit(formId: string, section: Section, action: () => Promise<void>): void {
  const form = $<HTMLFormElement>(formId);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(section, form, action);
  });
}

function start(): void {
  $('connect').addEventListener('click', () => togglePicker($('wallet-picker').hidden));
  $('sign-in').addEventListener('click', () => void signIn());
  $('sign-out').addEventListener('click', signOut);
  onSubmit('create-sub', 'subs', createSubAccount);
  onSubmit('transfer-form', 'transfer', transfer);
  onSubmit('withdraw-form', 'withdraw', withdraw);
  $('withdraw-chain').addEventListener('change', () => void estimateFee());
  $('withdraw-asset').addEventListener('change', () => void estimateFee());
  wireKeyDialog();
  watchWallets(renderChoices);
}

start();
