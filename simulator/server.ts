import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Engine, type EngineOptions, type SimRequest, type SimResponse } from './engine';
import { CODES, SimError } from './errors';
import { loadPageAssets, pageHtml, type PageAsset, type PageAssets } from './page-assets';
import type { SimStateFile } from './state';
import { withVariant } from './variant';

/** A plain node:http server around the Engine, with the test-only `/__sim/*` controls and fault injection. */

export type FaultMode =
  | '503-after'
  | '503-before'
  | '429'
  | '418'
  | 'slow'
  | 'garbage'
  | 'garbage-after'
  | 'html-500'
  | 'html-500-after';

/**
 * What `html-500` faults answer: HTTP 500 with an HTML page, as Aster's spot V3 signed GETs have been seen to
 * (§10). `html-500` answers without executing the request, `html-500-after` executes it first.
 */
export const HTML_500_BODY =
  '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>' +
  '<body><h1>Internal Server Error</h1></body></html>';

/** What `garbage` faults answer by default: HTTP 200 with a body that is not JSON (a proxy's error page). */
export const DEFAULT_GARBAGE_BODY = '<html><body>502 Bad Gateway</body></html>';

export interface Fault {
  /** The endpoint path the fault applies to, e.g. `/fapi/v3/subAccountTransfer`. */
  path: string;
  mode: FaultMode;
  /** How many calls it affects (default 1). */
  times: number;
  /** `slow`: how long to hold the answer (the request is executed first). */
  delayMs: number;
  /** `429`/`418`: the Retry-After header, seconds. */
  retryAfterSeconds: number;
  /**
   * `garbage`/`garbage-after`: the body answered with HTTP 200 (default DEFAULT_GARBAGE_BODY, not JSON).
   * Give JSON of the wrong shape, e.g. `{"unexpected":true}` or `[]`, to test shape checks.
   */
  body: string;
}

export interface SimulatorOptions extends EngineOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Serve `/__sim/*` (default true). Never expose them beyond localhost. */
  controls?: boolean;
}

export interface RunningSimulator {
  url: string;
  port: number;
  engine: Engine;
  /** Same as POST /__sim/faults. */
  addFault(fault: Partial<Fault> & { path: string; mode: FaultMode }): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const FAULT_MODES: readonly FaultMode[] = [
  '503-after',
  '503-before',
  '429',
  '418',
  'slow',
  'garbage',
  'garbage-after',
  'html-500',
  'html-500-after',
];

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  const isHtml = typeof body === 'string';
  res.writeHead(status, {
    'content-type': isHtml ? 'text/html; charset=utf-8' : 'application/json',
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type, clientType, token',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(isHtml ? body : JSON.stringify(body));
}

/** A `garbage` fault's answer: HTTP 200 with `body` as it is (what a broken proxy or server might send). */
function sendGarbage(res: ServerResponse, body: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(200, {
    'content-type': 'application/json',
    'access-control-allow-origin': '*',
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** A file of the exchange page; `no-store` so a restarted simulator never serves a stale page. */
function sendAsset(res: ServerResponse, asset: PageAsset): void {
  res.writeHead(200, {
    'content-type': asset.contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(asset.body);
}

export class SimulatorServer {
  readonly engine: Engine;
  /** The exchange page (see page-assets.ts); set by `startSimulator` before it listens. */
  pageAssets: PageAssets | undefined;
  private faults: Fault[] = [];
  private readonly controls: boolean;

  constructor(options: SimulatorOptions = {}) {
    this.engine = new Engine(options);
    this.controls = options.controls ?? true;
  }

  addFault(fault: Partial<Fault> & { path: string; mode: FaultMode }): void {
    this.faults.push({
      times: 1,
      delayMs: 2_000,
      retryAfterSeconds: 1,
      body: DEFAULT_GARBAGE_BODY,
      ...fault,
    });
  }

  private takeFault(path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.path === path && f.times > 0);
    if (!fault) return undefined;
    fault.times -= 1;
    this.faults = this.faults.filter((f) => f.times > 0);
    return fault;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return send(res, 204, '');
    let raw: string;
    try {
      raw = method === 'GET' ? '' : await readBody(req);
    } catch (error) {
      return send(res, 413, {
        code: CODES.invalidParameter,
        msg: error instanceof BodyTooLarge ? 'Body too large.' : 'Bad body.',
      });
    }
    const asset = method === 'GET' ? this.pageAssets?.get(url.pathname) : undefined;
    if (asset)
      return sendAsset(
        res,
        url.pathname === '/' ? pageHtml(this.pageAssets!, this.engine.variant.subAccountChainId) : asset,
      );
    if (url.pathname.startsWith('/__sim/')) {
      if (!this.controls) return send(res, 404, { code: -1, msg: 'Controls are disabled.' });
      return this.control(method, url.pathname, raw, res);
    }

    const isJson = (req.headers['content-type'] ?? '').includes('application/json');
    let json: unknown;
    if (isJson && raw !== '') {
      try {
        json = JSON.parse(raw);
      } catch {
        return send(res, 400, { code: CODES.invalidParameter, msg: 'Malformed JSON.' });
      }
    }
    const request: SimRequest = {
      method,
      path: url.pathname,
      params: method === 'GET' ? url.searchParams : new URLSearchParams(isJson ? '' : raw),
      json,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : v]),
      ),
      ip: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
    };

    const fault = this.takeFault(url.pathname);
    if (fault?.mode === '503-before') return send(res, 503, { code: -1001, msg: 'Service unavailable.' });
    if (fault?.mode === '429')
      return send(
        res,
        429,
        { code: -1003, msg: 'Too many requests.' },
        { 'retry-after': String(fault.retryAfterSeconds) },
      );
    if (fault?.mode === '418')
      return send(
        res,
        418,
        { code: -1003, msg: 'IP banned.' },
        { 'retry-after': String(fault.retryAfterSeconds) },
      );
    if (fault?.mode === 'garbage') return sendGarbage(res, fault.body);
    if (fault?.mode === 'html-500') return send(res, 500, HTML_500_BODY);
    const response: SimResponse = await this.engine.handle(request);
    if (fault?.mode === '503-after') return send(res, 503, { code: -1001, msg: 'Service unavailable.' });
    if (fault?.mode === 'garbage-after') return sendGarbage(res, fault.body);
    if (fault?.mode === 'html-500-after') return send(res, 500, HTML_500_BODY);
    if (fault?.mode === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    send(res, response.status, response.body);
  }

  private control(method: string, path: string, raw: string, res: ServerResponse): void {
    let body: Record<string, unknown> = {};
    if (raw !== '') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
      } catch {
        return send(res, 400, { code: CODES.invalidParameter, msg: 'Malformed JSON.' });
      }
    }
    const engine = this.engine;
    try {
      switch (`${method} ${path}`) {
        case 'GET /__sim/state':
          return send(res, 200, {
            ...engine.state,
            now: engine.now(),
            faults: this.faults,
            nonceRefusals: engine.nonceRefusals,
          });
        case 'POST /__sim/reset':
          engine.reset(body.state as SimStateFile | undefined);
          this.faults = [];
          return send(res, 200, { ok: true });
        case 'POST /__sim/faults': {
          if (body.clear === true) {
            this.faults = [];
            return send(res, 200, { ok: true });
          }
          const mode = body.mode as FaultMode;
          if (typeof body.path !== 'string' || !FAULT_MODES.includes(mode))
            return send(res, 400, {
              code: CODES.invalidParameter,
              msg: `path and mode (${FAULT_MODES.join(', ')}) are required.`,
            });
          this.addFault({
            path: body.path,
            mode,
            ...(typeof body.times === 'number' ? { times: body.times } : {}),
            ...(typeof body.delayMs === 'number' ? { delayMs: body.delayMs } : {}),
            ...(typeof body.retryAfterSeconds === 'number'
              ? { retryAfterSeconds: body.retryAfterSeconds }
              : {}),
            ...(typeof body.body === 'string' ? { body: body.body } : {}),
          });
          return send(res, 200, { ok: true, faults: this.faults });
        }
        case 'POST /__sim/vip': {
          const account = engine.account(typeof body.address === 'string' ? body.address : undefined);
          if (!account || typeof body.level !== 'number')
            return send(res, 400, { code: CODES.noSuchAccount, msg: 'address and level are required.' });
          account.vipLevel = body.level;
          if (typeof body.isMarketMaker === 'boolean') account.isMarketMaker = body.isMarketMaker;
          return send(res, 200, { ok: true });
        }
        case 'POST /__sim/balance': {
          const account = engine.account(typeof body.address === 'string' ? body.address : undefined);
          const wallet = body.wallet === 'spot' ? 'spot' : 'futures';
          if (
            !account ||
            typeof body.asset !== 'string' ||
            typeof body.amount !== 'string' ||
            !/^-?\d+(\.\d+)?$/.test(body.amount)
          )
            return send(res, 400, {
              code: CODES.invalidParameter,
              msg: 'address, asset and amount (decimal string) are required.',
            });
          account[wallet][body.asset] = body.amount;
          return send(res, 200, { ok: true });
        }
        case 'POST /__sim/deposited': {
          // A master that never deposited (`deposited: false`) gets -5050 on every gated call (§10).
          const account = engine.account(typeof body.address === 'string' ? body.address : undefined);
          if (!account || account.role !== 'master' || typeof body.deposited !== 'boolean')
            return send(res, 400, {
              code: CODES.noSuchAccount,
              msg: 'the address of a master and deposited (true or false) are required.',
            });
          if (body.deposited) delete account.deposited;
          else account.deposited = false;
          return send(res, 200, { ok: true });
        }
        case 'POST /__sim/deposit':
          return send(res, 200, engine.deposit(body));
        case 'POST /__sim/variant':
          try {
            engine.variant = withVariant(engine.variant, body);
          } catch (error) {
            return send(res, 400, { code: CODES.invalidParameter, msg: (error as Error).message });
          }
          return send(res, 200, engine.variant);
        case 'GET /__sim/variant':
          return send(res, 200, engine.variant);
        case 'POST /__sim/clock':
          engine.clockOffsetMs = typeof body.offsetMs === 'number' ? body.offsetMs : 0;
          if (typeof body.nonceWindowMs === 'number') engine.nonceWindowMs = body.nonceWindowMs;
          return send(res, 200, { ok: true, now: engine.now() });
        default:
          return send(res, 404, { code: -1, msg: 'Unknown control.' });
      }
    } catch (error) {
      if (error instanceof SimError)
        return send(res, error.httpStatus, { code: error.code, msg: error.message });
      throw error;
    }
  }
}

/** Starts the simulator on 127.0.0.1 (in-process for tests); `close()` stops it. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const simulator = new SimulatorServer(options);
  simulator.pageAssets = await loadPageAssets();
  const server = createServer((req, res) => {
    simulator.handle(req, res).catch((error: unknown) => {
      console.error('[simulator] request failed', error instanceof Error ? error.message : error);
      send(res, 500, { code: -1000, msg: 'Internal simulator error.' });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    engine: simulator.engine,
    addFault: (fault) => simulator.addFault(fault),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
