import { FaultInjector } from "./faults";
import { TokenStore } from "./identity/tokens";
import { LateWork } from "./late-work";
import { RequestLog } from "./log";
import { NcloudStore } from "./ncloud/store";
import { seedLoggers } from "./nhn/seeded-loggers";
import { RegionStore, type Settings } from "./nhn/store";
import { DEFAULT_READINGS, parseReadingsPatch, type Readings } from "./readings";
import { DEFAULT_SEED, type Seed } from "./seed";
import { Throttle } from "./throttle";
import type { EmulatorOptions } from "./types";

/** The NHN Cloud tenant a stack aimed at the emulator uses (it accepts any non-empty one unless pinned). */
export const EMULATOR_TENANT = "0123456789abcdef0123456789abcdef";

/** Owner of console-made loggers when neither credentials are pinned nor any token was issued. */
export const FALLBACK_TENANT_ID = "emulator-tenant";

/** Defaults of the options that have one (also printed by the CLI's --help). */
export const DEFAULT_ACTIVATION_MS = 1500;
export const DEFAULT_TOKEN_TTL_SECONDS = 43200;

export const DEFAULT_NCLOUD_CREDENTIALS = {
  accessKey: "emulator-access-key",
  secretKey: "emulator-secret-key",
};

/** Everything the server and the control API share. */
export class EmulatorState {
  url = "";
  readonly seed: Seed;
  readonly settings: Settings;
  /** Live: setReadings changes this object, which the stores and handlers hold. */
  readonly readings: Readings;
  readonly tokens: TokenStore;
  readonly nhn = new Map<string, RegionStore>();
  readonly ncloud: NcloudStore;
  readonly faults = new FaultInjector();
  readonly log = new RequestLog();
  readonly late = new LateWork();
  readonly throttle: Throttle;
  readonly ncloudCredentials: { accessKey: string; secretKey: string };
  lostCreates = 0;

  constructor(readonly options: EmulatorOptions) {
    this.seed = options.seed ?? DEFAULT_SEED;
    this.settings = {
      activationMs: options.activationMs ?? DEFAULT_ACTIVATION_MS,
      latencyMs: options.latencyMs ?? 0,
    };
    this.readings = { ...DEFAULT_READINGS, ...parseReadingsPatch(options.readings ?? {}) };
    this.tokens = new TokenStore(options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
    this.ncloudCredentials = options.ncloudCredentials ?? DEFAULT_NCLOUD_CREDENTIALS;
    for (const [region, seed] of Object.entries(this.seed.nhn.regions)) {
      this.nhn.set(region, new RegionStore(region, seed, this.settings, this.readings));
    }
    if (options.seedLoggers) this.seedLoggers(options.seedLoggers);
    this.ncloud = new NcloudStore(this.seed.ncloud.regionCodes);
    this.throttle = new Throttle(options.maxConcurrentRequests);
  }

  /** The region's store, case-insensitively; throws for a region the seed does not have. */
  region(region: string): RegionStore {
    const store = this.nhn.get(region.toUpperCase());
    if (!store) throw new Error(`unknown region ${region}; the seed has ${[...this.nhn.keys()].join(", ")}`);
    return store;
  }

  /** The seedLoggers option: in seedLoggersRegion (KR1), for the tenant a stack aimed at the emulator uses. */
  private seedLoggers(count: number): void {
    const store = this.region(this.options.seedLoggersRegion ?? "KR1");
    const tenantId =
      this.options.seedLoggersTenantId ?? this.options.credentials?.tenantId ?? EMULATOR_TENANT;
    seedLoggers(store, this.seed.nhn.regions[store.region], count, tenantId);
  }

  defaultTenant(): string {
    return this.options.credentials?.tenantId ?? this.tokens.lastTenant() ?? FALLBACK_TENANT_ID;
  }

  /** Consumes one "lose the next create response" credit. */
  loseCreateResponse = (): boolean => {
    if (this.lostCreates <= 0) return false;
    this.lostCreates -= 1;
    return true;
  };
}
