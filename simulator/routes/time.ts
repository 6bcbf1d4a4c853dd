import type { Engine, SimRequest } from '../engine';

/**
 * `GET /fapi/v3/time` (futures V3 "Check Server Time"): `{serverTime}` in epoch ms, unsigned. It follows the
 * simulator's clock, so a test that moves the clock (POST /__sim/clock) moves what clients measure.
 */
export function serverTime(this: Engine, _request: SimRequest): Promise<unknown> {
  return Promise.resolve({ serverTime: this.now() });
}
