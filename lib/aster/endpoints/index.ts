/** Aster's endpoints: paths (`ENDPOINTS`) and, one file each, the signed bodies described as data. */
export * from './paths';
/** Field formats stay in their module (generic names such as `name` or `nonce`): import them from ./formats. */
export type { FieldFormat } from './formats';
export * from './spec';
export * from './create-sub-account';
export * from './bind-sub-account';
export * from './update-sub-account';
export * from './sub-account-transfer';
export * from './wallet-transfer';
export * from './register-and-approve-agent';
export * from './user-withdraw';
export * from './order';
export * from './batch-orders';
export * from './account-reads';
export * from './asset-exchange';
export * from './login';
export * from './typed-data-domains';
export * from './match';
