import type {
  EmulatorLogger as ApiLogger,
  FaultPlan,
  NcloudFlowLog,
  NcloudFlowLogInput,
  Readings,
  Seed,
} from "./public-types";

/** Options of the emulator (`startEmulator`). */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; default 0 (ephemeral). */
  port?: number;
  /** How long a logger stays in BUILD after create (and after admin_state_up false->true); default 1500. */
  activationMs?: number;
  /** Delay added before every API response (not /_emulator); default 0. */
  latencyMs?: number;
  /** The topology served; default DEFAULT_SEED. */
  seed?: Seed;
  /** Pins identity credentials; by default any non-empty values are accepted. */
  credentials?: {
    /** The only tenant accepted. */
    tenantId: string;
    /** The only user accepted. */
    username: string;
    /** The only password accepted. */
    password: string;
  };
  /** Default { accessKey: "emulator-access-key", secretKey: "emulator-secret-key" }. */
  ncloudCredentials?: {
    /** The access key signed requests must carry. */
    accessKey: string;
    /** The secret key they are signed with. */
    secretKey: string;
  };
  /** Lifetime of issued tokens; default 43200 (12 h, as in the real service's examples). */
  tokenTtlSeconds?: number;
  /**
   * NHN network API calls in flight at once above which a call is refused with 429 and Retry-After 1
   * (not processed; logged with fault "throttled"); default unlimited. Counted per emulator.
   */
  maxConcurrentRequests?: number;
  /** How to play what the API document leaves open; each field defaults as in DEFAULT_READINGS. */
  readings?: Partial<Readings>;
  /**
   * Loggers to find at start, for tenants of any size: named seeded-000001 …, created a second apart
   * before start, ACTIVE, on the region's VPCs, subnets and ports in turn; default 0. 20,000 start in a
   * fraction of a second.
   */
  seedLoggers?: number;
  /** The region of the seeded loggers; default KR1. */
  seedLoggersRegion?: string;
  /** Their tenant; default the pinned credentials' tenant, else EMULATOR_TENANT (what stacks aimed here use). */
  seedLoggersTenantId?: string;
}

/** Which API a request went to: identity, NHN network, NCloud, or the emulator's own control routes. */
export type ApiKind = "identity" | "nhn" | "ncloud" | "control";

/** One request the emulator received. */
export interface RequestLogEntry {
  /** Its place in the log, from 1. */
  seq: number;
  /** Epoch ms when the request arrived. */
  at: number;
  /** HTTP method. */
  method: string;
  /** The path, without the query. */
  path: string;
  /** The raw query string, without "?". */
  query: string;
  /** Which API. */
  api: ApiKind;
  /** The NHN region or NCloud regionCode, when known. */
  region?: string;
  /** 0 when the connection was dropped without a response. */
  status: number;
  /** The X-Auth-Token value the request carried. */
  tokenId?: string;
  /** Whether that token was valid. */
  tokenValid?: boolean;
  /** The NCloud access key the request carried. */
  accessKey?: string;
  /**
   * "429", "500", "drop", "502-after", "drop-after", "502-after-late", "trickle", "echo", "echo-json",
   * "lost-create", "throttled", …
   */
  fault?: string;
  /** Logger created or addressed, when known (for a late create, once it ran). */
  loggerId?: string;
  /** A slow backend's late processing (fault "…-after-late"): the status it produced, never sent. */
  lateStatus?: number;
  /** Epoch ms when that late processing ran; absent while pending, or when close() cancelled it. */
  lateAt?: number;
}

/** Test controls over a running emulator, in process (the same as its /_emulator routes). */
export interface EmulatorControl {
  /** Injects faults from now on; `undefined` clears them. */
  setFaults(plan?: FaultPlan): void;
  /** The next n successful NHN logger creates take effect, then the socket is destroyed without a response. */
  loseNextCreateResponses(n: number): void;
  /** Delay before every API response, in ms. */
  setLatency(ms: number): void;
  /** How long new loggers stay in BUILD, in ms. */
  setActivationMs(ms: number): void;
  /** Changes some readings at once; throws naming the field and its allowed values when one is invalid. */
  setReadings(readings: Partial<Readings>): void;
  /** A copy of the readings in force. */
  readings(): Readings;
  /** Every issued token expires now. */
  expireAllTokens(): void;
  /** Every issued token is refused from now on (401). */
  revokeAllTokens(): void;
  /** One token is refused from now on. */
  revokeToken(tokenId: string): void;
  /** How many tokens identity has issued. */
  tokensIssued(): number;
  /** Every tenant's loggers in the region, exactly as GET would render them (loggers pending deletion too). */
  loggers(region: string): ApiLogger[];
  /**
   * A console-made logger: same validation and uniqueNames rule as the API; throws with the API's message
   * when refused. Returned as GET would render it.
   */
  createLogger(region: string, body: Record<string, unknown>, tenantId?: string): ApiLogger;
  /** Out-of-band console edit: any field but id, including immutable ones, status and error_type. */
  editLogger(region: string, id: string, patch: Record<string, unknown>): ApiLogger;
  /** A console delete, immediate whatever deleteMode says; returns false when there was no such logger. */
  deleteLogger(region: string, id: string): boolean;
  /** Configurations of one regionCode, or of all of them when omitted. */
  ncloudFlowLogs(regionCode?: string): NcloudFlowLog[];
  /** A console-made NCloud flow log (replacing any on the interface). */
  setNcloudFlowLog(cfg: NcloudFlowLogInput): NcloudFlowLog;
  /** Returns false when the interface had no configuration. regionCode defaults to KR. */
  deleteNcloudFlowLog(networkInterfaceNo: string, regionCode?: string): boolean;
  /** The most NHN network API calls in flight at once so far (throttled ones excluded). */
  peakConcurrentRequests(): number;
  /** Every API request so far. */
  requests(): RequestLogEntry[];
  /** Empties the request log. */
  clearRequests(): void;
  /** The seeded topology (a copy). */
  seed(): Seed;
}

/** A running emulator. */
export interface Emulator {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  /** Its test controls. */
  control: EmulatorControl;
  /** Stops it (idempotent). */
  close(): Promise<void>;
}
