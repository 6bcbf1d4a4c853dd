/**
 * A minimal exchange-like page served at `/`. For now it shows the login flow (nonce → the exact text to
 * sign → login) and the signed-in account's balances; an injected EIP-1193 provider (`window.ethereum`) is
 * used when present, otherwise a signature can be pasted. No external scripts: everything is inline.
 */
export const EXCHANGE_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Aster simulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 46rem; color: #1d1d1f; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  input, select, textarea, button { font: inherit; padding: .35rem .5rem; }
  input, textarea { width: 100%; box-sizing: border-box; }
  code, pre { background: #f3f3f5; padding: .15rem .35rem; border-radius: 4px; }
  table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #ddd; padding: .3rem; text-align: left; }
  .error { color: #b00020; } .muted { color: #666; }
</style>
</head>
<body>
<h1>Aster simulator <span class="muted">— local test exchange, test keys only</span></h1>
<p class="muted">Implements Aster's V3 sub-account, transfer, API-wallet and withdrawal endpoints with signature checks. See simulator/README.md.</p>

<h2>1. Log in</h2>
<label>Wallet address <input id="address" placeholder="0x… or a Solana address" autocomplete="off"></label>
<p><button id="connect">Connect injected wallet</button> <button id="nonce">Get the login message</button></p>
<p>Message to sign: <code id="message">—</code></p>
<label>Signature (filled by the wallet, or paste one) <textarea id="signature" rows="2"></textarea></label>
<p><button id="login">Log in</button> <span id="status" class="muted"></span></p>

<h2>2. Account</h2>
<div id="account" class="muted">Not logged in.</div>

<script>
const $ = (id) => document.getElementById(id);
const api = (path, body, headers = {}) =>
  fetch(path, { method: body ? 'POST' : 'GET', headers: { 'content-type': 'application/json', ...headers }, body: body ? JSON.stringify(body) : undefined })
    .then((r) => r.json());
const isSolana = (a) => !a.startsWith('0x');
const show = (text, error) => { $('status').textContent = text; $('status').className = error ? 'error' : 'muted'; };

$('connect').onclick = async () => {
  if (!window.ethereum) return show('No injected wallet on this page.', true);
  const [address] = await window.ethereum.request({ method: 'eth_requestAccounts' });
  $('address').value = address;
  await getNonce();
  const text = $('message').textContent;
  const hex = '0x' + Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
  $('signature').value = await window.ethereum.request({ method: 'personal_sign', params: [hex, address] });
  await login();
};

async function getNonce() {
  const sourceAddr = $('address').value.trim();
  const body = { sourceAddr, type: 'LOGIN', ...(isSolana(sourceAddr) ? { network: 'SOL' } : {}) };
  const answer = await api('/bapi/futures/v1/public/future/web3/get-nonce', body);
  if (!answer.success) return show(answer.msg || 'Could not get a nonce.', true);
  $('message').textContent = 'You are signing into Astherus ' + answer.data.nonce;
  show('Sign the message above with the wallet.');
}
$('nonce').onclick = getNonce;

async function login() {
  const sourceAddr = $('address').value.trim();
  const answer = await api('/bapi/futures/v1/public/future/web3/ae/login',
    { signature: $('signature').value.trim(), sourceAddr, chainId: isSolana(sourceAddr) ? 101 : 56 }, { clientType: 'web' });
  if (!answer.success) return show(answer.msg || 'Login failed.', true);
  show('Logged in (uid ' + answer.data.uid + ').');
  const info = await api('/bapi/futures/v1/private/future/account/balances', undefined, { token: answer.data.token });
  if (!info.success) return show(info.msg || 'Could not read balances.', true);
  const rows = (wallet, list) => list.map((b) => '<tr><td>' + wallet + '</td><td>' + b.asset + '</td><td>' + b.walletBalance + '</td><td>' + b.maxWithdrawAmount + '</td></tr>').join('');
  const d = info.data;
  const account = $('account');
  account.className = '';
  account.innerHTML = '<p><b></b> <span class="muted"></span></p><table><tr><th>Wallet</th><th>Asset</th><th>Balance</th><th>Withdrawable</th></tr>' + rows('Perp', d.futures) + rows('Spot', d.spot) + '</table>';
  account.querySelector('b').textContent = d.name + ' (' + d.role + (d.status === 'FROZEN' ? ', frozen' : '') + ')';
  account.querySelector('span').textContent = d.address;
}
$('login').onclick = login;
</script>
</body>
</html>
`;
