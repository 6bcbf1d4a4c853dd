import { t } from '@/lib/i18n';
import { matchSignedBody, type BodyScheme, type SignedBodySpec } from '../endpoints';
import { block, combineVerdicts, sameAddress, type Verdict } from '../rules';
import { accountReadSummary } from './account-reads';
import { rebalanceSummary } from './rebalance';
import { bodyFields, networkOf, party, short, unknown } from './common';
import { createSubAccountSummary } from './create-sub-account';
import { batchOrdersSummary, orderSummary } from './order';
import { agentApprovalSummary } from './register-and-approve-agent';
import { subAccountTransferSummary } from './sub-account-transfer';
import { updateSubAccountSummary } from './update-sub-account';
import { withdrawRequestSummary } from './user-withdraw';
import { walletTransferSummary } from './wallet-transfer';
import type { BodyFields, BodySummary, DecodeContext, SigningScheme, SigningSummary } from './types';

/**
 * A signed Aster `msg` body (EIP-712 `Message{msg}` or a Solana text): split exactly as signed (no
 * percent-decoding, no trimming), matched against the endpoint descriptions (../endpoints), then summarised by
 * that endpoint's own summariser. A body that is not exactly one endpoint is blocked and shown as the most
 * dangerous way Aster could read it.
 */

/** `name=value` pairs exactly as signed; a pair without `=` has an empty value (and no endpoint takes it). */
export function splitBody(msg: string): Array<[string, string]> {
  if (msg === '') return [];
  return msg.split('&').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
  });
}

function summarise(spec: SignedBodySpec, fields: BodyFields, context: DecodeContext): BodySummary {
  switch (spec.id) {
    case 'createSubAccountChild':
    case 'createSubAccount':
      return createSubAccountSummary(fields, 'create-sub-account', context);
    case 'bindSubAccountChild':
    case 'bindSubAccount':
      return createSubAccountSummary(fields, 'bind-sub-account', context);
    case 'updateSubAccount':
      return updateSubAccountSummary(fields, context);
    case 'subAccountTransfer':
      return subAccountTransferSummary(fields, context);
    case 'walletTransfer':
      return walletTransferSummary(fields, context);
    case 'registerAndApproveAgent':
      return agentApprovalSummary(fields, context);
    case 'userWithdraw':
      return withdrawRequestSummary(fields, context);
    case 'order':
      return orderSummary(fields, context);
    case 'batchOrders':
      return batchOrdersSummary(fields, context);
    case 'assetExchange':
      return rebalanceSummary(fields);
    default:
      return accountReadSummary();
  }
}

/** Whose key should sign: the wallet of `user` (or the new child), or the agent in `signer`. */
function expectedSigners(spec: SignedBodySpec, fields: BodyFields): string[] {
  const user = fields.get('user');
  const present = (...addresses: Array<string | undefined>) =>
    addresses.filter((a): a is string => a !== undefined);
  switch (spec.id) {
    case 'createSubAccountChild':
      return present(fields.get('subSourceAddr'));
    case 'bindSubAccountChild':
      return present(fields.get('childAddress'));
    case 'subAccountTransfer':
      // §4: the wallet key of `user`; an approved agent's key is also accepted since 2026-08.
      return present(user, fields.get('signer'));
    default:
      return spec.signedBy === 'wallet' ? present(user) : present(fields.get('signer'));
  }
}

function endpointOf(spec: SignedBodySpec, fields: BodyFields): string {
  if (spec.id === 'userWithdraw')
    return fields.get('chainId') === '101' ? spec.endpoints[2]!.path : spec.endpoints[0]!.path;
  return spec.endpoints[0]!.path;
}

export function decodeAsterMsg(
  msg: string,
  scheme: SigningScheme,
  chainId: number | undefined,
  context: DecodeContext,
): SigningSummary {
  const pairs = splitBody(msg);
  const bodyScheme: BodyScheme = scheme === 'solana-message' ? { kind: 'solana' } : { kind: 'evm', chainId };
  const match = matchSignedBody(pairs, bodyScheme);
  const base = { scheme, fields: pairs, ...(chainId === undefined ? {} : { chainId }) };
  const spec = match.reading;
  if (!spec)
    return unknown(scheme, 'malformed-body', match.problems[0] ?? t('decode.body.notRecognised'), 'block', {
      ...base,
      verdict: combineVerdicts(...match.problems.slice(1).map((problem) => block('malformed-body', problem))),
    });
  const fields = bodyFields(pairs);
  const summary: SigningSummary = { ...base, ...summarise(spec, fields, context) };
  summary.endpoint = endpointOf(spec, fields);
  const network = networkOf(chainId);
  if (network && scheme === 'eip712-message') summary.network = network;
  const signer = fields.get('signer');
  if (!summary.parties.some((p) => p.role === 'agent') && signer !== undefined && spec.signedBy === 'agent')
    summary.parties.push(party('agent', signer, context));

  const checks: Verdict[] = [summary.verdict];
  if (match.problems.length > 0) {
    // Not one clean body: the title above is the worst reading, and the prompt says why it is refused.
    summary.title = t('decode.body.refusedReading', { title: summary.title });
    checks.push(...match.problems.map((problem) => block('malformed-body', problem)));
  }
  if (context.signer) {
    const expected = expectedSigners(spec, fields);
    if (expected.length > 0 && !expected.some((address) => sameAddress(address, context.signer)))
      checks.push(
        block(
          'wrong-signer',
          t('decode.body.wrongSigner', {
            expected: expected.map(short).join(t('decode.orSeparator')),
            signer: short(context.signer),
          }),
        ),
      );
  }
  summary.verdict = combineVerdicts(...checks);
  return summary;
}
