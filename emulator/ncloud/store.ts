import { z } from "zod";

export const COLLECT_ACTION_TYPES = ["ALLOW", "DENY", "ALL"] as const;

/** One interface's flow log configuration, as stored (and as setNcloudFlowLog takes it). */
export const NcloudFlowLog = z.strictObject({
  regionCode: z.string().min(1).default("KR"),
  networkInterfaceNo: z.string().min(1),
  collectActionTypeCode: z.enum(COLLECT_ACTION_TYPES),
  collectIntervalMinute: z.number().int().default(15),
  storageTypeCode: z.string().default("OBJT"),
  storageBucketName: z.string().min(1),
  storageBucketDirectoryName: z.string().default("VPC_FLOW_LOG"),
});
export type NcloudFlowLog = z.output<typeof NcloudFlowLog>;
export type NcloudFlowLogInput = z.input<typeof NcloudFlowLog>;

/** Configurations per regionCode, each keyed by networkInterfaceNo. */
export class NcloudStore {
  private readonly regions = new Map<string, Map<string, NcloudFlowLog>>();

  constructor(readonly regionCodes: string[]) {
    for (const code of regionCodes) this.regions.set(code, new Map());
  }

  hasRegion(regionCode: string): boolean {
    return this.regions.has(regionCode);
  }

  /** Replaces any existing configuration of the interface: the real API's behaviour here is undocumented. */
  put(input: NcloudFlowLogInput): NcloudFlowLog {
    const cfg = NcloudFlowLog.parse(input);
    this.region(cfg.regionCode).set(cfg.networkInterfaceNo, cfg);
    return cfg;
  }

  get(regionCode: string, networkInterfaceNo: string): NcloudFlowLog | undefined {
    return this.region(regionCode).get(networkInterfaceNo);
  }

  delete(regionCode: string, networkInterfaceNo: string): boolean {
    return this.region(regionCode).delete(networkInterfaceNo);
  }

  /** Sorted by interface number; every region when regionCode is omitted. */
  list(regionCode?: string): NcloudFlowLog[] {
    const codes = regionCode === undefined ? [...this.regions.keys()] : [regionCode];
    return codes
      .flatMap((code) => [...this.region(code).values()])
      .sort((a, b) => a.networkInterfaceNo.localeCompare(b.networkInterfaceNo, "en", { numeric: true }));
  }

  private region(regionCode: string): Map<string, NcloudFlowLog> {
    const region = this.regions.get(regionCode);
    if (!region) throw new Error(`unknown NCloud regionCode ${regionCode}`);
    return region;
  }
}
