/** Test double of the page transport (unit tests only). */
import type { ProviderState } from '@/lib/messaging/page-protocol';
import { ProviderRpcError, type PageTransport } from './transport';

/** A transport the test drives: it answers requests with `answer` and pushes states on demand. */
export function fakeTransport(answer: (method: string, params: unknown) => unknown = () => null) {
  const calls: { method: string; params: unknown }[] = [];
  const stateListeners: ((state: ProviderState) => void)[] = [];
  const transport: PageTransport = {
    async request(method, params) {
      calls.push({ method, params });
      return answer(method, params);
    },
    onState: (listener) => void stateListeners.push(listener),
  };
  const push = (state: Partial<ProviderState>) => {
    for (const listener of stateListeners)
      listener({ chainId: '0x38', evmAccounts: [], solanaAccounts: [], ...state });
  };
  return { transport, calls, push };
}

export const refuse = (code: number, message: string) => {
  throw new ProviderRpcError(code, message);
};
