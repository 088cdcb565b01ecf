// node-turn ships no types: the part the e2e relay uses.
declare module 'node-turn' {
  interface TurnOptions {
    listeningPort?: number;
    listeningIps?: string[];
    relayIps?: string[];
    minPort?: number;
    maxPort?: number;
    authMech?: 'none' | 'short-term' | 'long-term';
    credentials?: Record<string, string>;
    realm?: string;
    debugLevel?: string;
  }
  class Turn {
    constructor(options: TurnOptions);
    start(): void;
    stop(): void;
  }
  export default Turn;
}
