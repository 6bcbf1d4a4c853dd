import { startSimulator } from './server';
import { loadStateFile } from './state';
import type { SimVariant } from './variant';

/**
 * `npm run sim`. Environment: PORT (default 8787), ASTER_SIM_STATE (a JSON state file), ASTER_SIM_NETWORK
 * (mainnet|testnet), ASTER_SIM_NONCE_WINDOW_MS, ASTER_SIM_SIGNED_ENCODING (raw|percent),
 * ASTER_SIM_VARIANT (JSON of the §10 switches in ./variant.ts), ASTER_SIM_CONTROLS=0 to disable the /__sim
 * test controls.
 */
async function main(): Promise<void> {
  const env = process.env;
  const port = env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  const window = env.ASTER_SIM_NONCE_WINDOW_MS ? Number(env.ASTER_SIM_NONCE_WINDOW_MS) : undefined;
  const simulator = await startSimulator({
    port,
    ...(env.ASTER_SIM_STATE ? { state: loadStateFile(env.ASTER_SIM_STATE) } : {}),
    network: env.ASTER_SIM_NETWORK === 'testnet' ? 'testnet' : 'mainnet',
    ...(window !== undefined && Number.isFinite(window) ? { nonceWindowMs: window } : {}),
    signedEncoding: env.ASTER_SIM_SIGNED_ENCODING === 'percent' ? 'percent' : 'raw',
    controls: env.ASTER_SIM_CONTROLS !== '0',
    ...(env.ASTER_SIM_VARIANT ? { variant: JSON.parse(env.ASTER_SIM_VARIANT) as Partial<SimVariant> } : {}),
  });
  process.stdout.write(`Aster simulator listening on ${simulator.url}\n`);
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Aster simulator failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
