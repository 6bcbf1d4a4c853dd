import * as v from 'valibot';
import type { Browser } from 'wxt/browser';

type MessageSender = Browser.runtime.MessageSender;

/**
 * Typed calls across extension contexts. A contract names each method with a schema for its params and a
 * phantom type for its result; the server validates every message against the schema before a handler
 * sees it, and answers with an envelope so errors keep their code across the message boundary.
 */

export type ParamsSchema = v.GenericSchema;

export interface MethodSpec<P extends ParamsSchema = ParamsSchema, R = unknown> {
  params: P;
  /** Phantom: carries the result type only. */
  result?: R;
}

export type Contract = Record<string, MethodSpec>;

/** `returns<Result>()(paramsSchema)`: curried so the params type is inferred while the result is named. */
export function returns<R>() {
  return <P extends ParamsSchema>(params: P): MethodSpec<P, R> => ({ params });
}

export type ParamsOf<S> = S extends MethodSpec<infer P, unknown> ? v.InferInput<P> : never;
export type ResultOf<S> = S extends MethodSpec<ParamsSchema, infer R> ? R : never;

export interface RpcErrorPayload {
  code: string;
  message: string;
  retryAfterMs?: number;
}

export type RpcResponse<R = unknown> = { ok: true; result: R } | { ok: false; error: RpcErrorPayload };

/** An error a handler throws on purpose: its code and message reach the caller as they are. */
export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export const requestEnvelope = v.strictObject({
  channel: v.string(),
  method: v.pipe(v.string(), v.maxLength(100)),
  params: v.unknown(),
});

export type Handlers<C extends Contract> = {
  [M in keyof C]: (params: v.InferOutput<C[M]['params']>, sender: MessageSender) => Promise<ResultOf<C[M]>>;
};

export interface RpcServer {
  readonly channel: string;
  /** Answers a message of this channel; undefined for other channels' messages. */
  handle(message: unknown, sender: MessageSender): Promise<RpcResponse> | undefined;
}

export interface RpcServerOptions {
  /** Refuses senders that may not use this channel (e.g. the popup channel from a content script). */
  authorize(sender: MessageSender): boolean | Promise<boolean>;
  /** Runs before each authorised, valid call (the background records activity there). */
  beforeCall?(method: string, params: unknown): Promise<void>;
  /** Turns a domain error (e.g. a VaultError) into a payload; return undefined for unexpected errors. */
  describeError?(error: unknown): RpcErrorPayload | undefined;
}

function failure(code: string, message: string, retryAfterMs?: number): RpcResponse {
  return {
    ok: false,
    error: retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs },
  };
}

export function createRpcServer<C extends Contract>(
  channel: string,
  contract: C,
  handlers: Handlers<C>,
  options: RpcServerOptions,
): RpcServer {
  async function dispatch(message: unknown, sender: MessageSender): Promise<RpcResponse> {
    const envelope = v.safeParse(requestEnvelope, message);
    if (!envelope.success) return failure('invalid-request', 'Malformed request.');
    if (!(await options.authorize(sender))) return failure('unauthorized', 'This sender may not call that.');
    const name = envelope.output.method;
    if (!Object.hasOwn(contract, name)) return failure('unknown-method', `Unknown method "${name}".`);
    const spec = contract[name]!;
    const params = v.safeParse(spec.params, envelope.output.params);
    if (!params.success) {
      const issue = params.issues[0];
      const path = issue ? v.getDotPath(issue) : null;
      return failure(
        'invalid-params',
        `Invalid params${path ? ` at ${path}` : ''}: ${issue?.message ?? 'rejected'}.`,
      );
    }
    try {
      await options.beforeCall?.(name, params.output);
      const handler = handlers[name as keyof C];
      return { ok: true, result: await handler(params.output, sender) };
    } catch (error) {
      if (error instanceof RpcError) return failure(error.code, error.message, error.retryAfterMs);
      const described = options.describeError?.(error);
      if (described) return { ok: false, error: described };
      // Unexpected errors are reported without their text: it could carry data that must not leave.
      console.error(`[rpc] ${channel}.${name} failed`, error instanceof Error ? error.name : typeof error);
      return failure('internal', 'Something went wrong inside the extension; nothing was changed.');
    }
  }

  return {
    channel,
    handle(message, sender) {
      if (
        typeof message !== 'object' ||
        message === null ||
        (message as { channel?: unknown }).channel !== channel
      ) {
        return undefined;
      }
      return dispatch(message, sender);
    },
  };
}

export type RpcClient<C extends Contract> = <M extends keyof C & string>(
  method: M,
  params: ParamsOf<C[M]>,
) => Promise<ResultOf<C[M]>>;

export function createRpcClient<C extends Contract>(
  channel: string,
  send: (message: unknown) => Promise<unknown>,
): RpcClient<C> {
  return async (method, params) => resultOf(await send({ channel, method, params }));
}

/** The result inside an answer's envelope; its error, code kept, thrown as an RpcError. */
export function resultOf<R>(answer: unknown): R {
  const response = answer as RpcResponse<R> | undefined;
  if (!response || typeof response !== 'object')
    throw new RpcError('no-response', 'The extension did not answer.');
  if (!response.ok)
    throw new RpcError(response.error.code, response.error.message, response.error.retryAfterMs);
  return response.result;
}
