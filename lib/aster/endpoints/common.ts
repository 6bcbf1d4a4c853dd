import { ASTER_SIGNING_CHAIN_ID } from '../typed-data';
import { accountAddress, nonce, type FieldFormat } from './formats';
import type { FieldSpec } from './spec';

/** `Message{msg}` requests are signed with 1666 (mainnet) or 714 (testnet), §1 and §10. */
export const REQUEST_CHAIN_IDS: readonly number[] = [
  ASTER_SIGNING_CHAIN_ID.mainnet,
  ASTER_SIGNING_CHAIN_ID.testnet,
];

export const required = (name: string, format: FieldFormat): FieldSpec => ({ name, format });
export const optional = (name: string, format: FieldFormat): FieldSpec => ({ name, format, optional: true });

/** `nonce, user, signer`, appended after the business fields of agent-signed requests (§2, §10). */
export const AGENT_TAIL: readonly FieldSpec[] = [
  required('nonce', nonce),
  optional('user', accountAddress),
  required('signer', accountAddress),
];
