// The central store's client for this terminal's credential, made again when the
// credential changes (a new enrolment), and the call's signaling endpoint from the same
// token cache; nothing while the terminal is not enrolled.
import type { TerminalConfig } from '../config/schema';
import type { FetchLike, StoreHttpOptions } from '../central-store/store-http';
import { createCentralClient, type CentralClient } from '../central-store/terminal-client';
import { readCredential } from './credential';

export interface StoreClientOptions {
  readonly fetch?: FetchLike;
  readonly requestTimeoutMs?: number;
  /** Every answer's store time and round trip (the terminal's clock estimate). */
  readonly onClockSample?: StoreHttpOptions['onClockSample'];
}

export interface StoreClient {
  client(): CentralClient | null;
  signalingEndpoint(): Promise<{ url: string; token: string } | null>;
}

export function createStoreClient(config: TerminalConfig, now: () => Date, options: StoreClientOptions): StoreClient {
  let cached: CentralClient | null = null;
  const client = (): CentralClient | null => {
    const credential = readCredential(config.dataDir);
    if (!credential) return null;
    if (cached?.terminalId !== credential.terminalId) {
      cached = createCentralClient({
        credential,
        baseUrl: config.centralStoreUrl,
        now,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
        ...(options.onClockSample ? { onClockSample: options.onClockSample } : {}),
      });
    }
    return cached;
  };
  return {
    client,
    async signalingEndpoint() {
      const c = client();
      return c ? { url: config.centralStoreUrl, token: await c.token() } : null;
    },
  };
}
