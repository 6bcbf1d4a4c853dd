/** The Aster protocol library: message builders, signing via the Signer interface, nonces, rules, decoder, client. */
export * from './client';
export * from './decimal';
export * from './decode';
export * from './endpoints';
export * from './errors';
export * from './ledgers';
export * from './ledger-match';
export * from './messages';
export * from './nonce';
export * from './query';
export * from './rules';
export * from './settings';
export * from './sign';
export * from './typed-data';
