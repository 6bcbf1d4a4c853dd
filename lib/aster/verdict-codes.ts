/**
 * Every reason a verdict can give, by a stable code. Code that acts on a verdict asks for a code
 * (`hasCode(verdict, 'rebalance-first')`), never for the words, which are in the trader's language.
 */
export const VERDICT_CODES = [
  // Aster's rules (../rules.ts)
  'feature-not-allowed',
  'sub-transfers-to-master-only',
  'name-length',
  'name-characters',
  'name-needs-letter',
  'no-nesting',
  'vip-too-low',
  'sub-account-limit',
  'kind-mismatch',
  'master-only',
  'not-own-sub-account',
  'switch-from-sub',
  'same-account',
  'family-unknown',
  'outside-family',
  'sub-own-funds-only',
  'not-their-master',
  'frozen',
  'amount-not-positive',
  'no-balance',
  'above-available',
  'sub-cannot-withdraw',
  'rebalance-first',
  'api-key-limit',
  'sub-agent-cannot-withdraw',
  'ip-whitelist-needed',
  'ip-whitelist-open',
  'agent-can-withdraw',
  'solana-deposit-to-sub',
  // Decoded signing requests (./decode)
  'unreadable-request',
  'unsupported-method',
  'too-large',
  'binary-data',
  'hidden-characters',
  'login-look-alike',
  'not-aster-text',
  'malformed-body',
  'wrong-signer',
  'typed-data-shape',
  'foreign-typed-data',
  'malformed-withdrawal',
  'not-a-number',
  'account-not-in-vault',
  'acting-account-unknown',
  'unusual-aster-chain',
  'external-destination',
  'unknown-transfer-type',
  'transfer-id-too-long',
  'unknown-side',
  'unknown-status',
  'changes-nothing',
  'freezing',
  'master-as-sub',
  'foreign-master',
  'sub-key-not-in-vault',
  'may-rebalance',
  'agent-never-expires',
  // Solana transactions (lib/solana)
  'unreadable-transaction',
  'on-chain-transaction',
  'instruction-blocked',
  'instruction-warning',
  'durable-nonce',
  'priority-fee-too-high',
  // Added by the background (lib/background): its own checks around the rules
  'recipient-not-backed-up',
  'name-taken',
  'watch-only',
  'unsupported-chain',
] as const;

export type VerdictCode = (typeof VERDICT_CODES)[number];

/** Whether a verdict gives this reason: the one way code asks (never by the words). */
export const hasCode = (verdict: { readonly codes: readonly VerdictCode[] }, code: VerdictCode): boolean =>
  verdict.codes.includes(code);
