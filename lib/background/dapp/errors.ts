import { RpcError } from '@/lib/messaging/rpc';

/** EIP-1193 provider errors (codes from EIP-1193 and EIP-1474), carried as RPC errors with numeric codes. */
export const ProviderErrors = {
  userRejected: (message = 'The trader rejected the request.') => new RpcError('4001', message),
  unauthorized: (message = 'Connect this site to Aster Companion first.') => new RpcError('4100', message),
  unsupported: (message: string) => new RpcError('4200', message),
  disconnected: (message = 'Aster Companion restarted; nothing was signed. Try again.') =>
    new RpcError('4900', message),
  unrecognizedChain: (chainId: string) =>
    new RpcError(
      '4902',
      `Chain ${chainId} is not one of Aster's deposit chains (Ethereum, BNB Chain, Arbitrum).`,
    ),
  invalidParams: (message: string) => new RpcError('-32602', message),
  resourceUnavailable: (message: string) => new RpcError('-32002', message),
};
