import { readFileSync } from "node:fs";
import { z } from "zod";

const Port = z.strictObject({ id: z.uuid(), name: z.string() });
const Subnet = z.strictObject({ id: z.uuid(), name: z.string(), ports: z.array(Port) });
const Vpc = z.strictObject({ id: z.uuid(), name: z.string(), subnets: z.array(Subnet) });

export const NhnRegionSeed = z.strictObject({
  vpcs: z.array(Vpc),
  /** Object Storage containers the flow log system account may write to; any other container ends in ERROR. */
  grantedContainers: z.array(z.string().min(1)),
});
export type NhnRegionSeed = z.infer<typeof NhnRegionSeed>;

/** The fixed world the emulator serves: NHN network topology per region and NCloud interfaces/buckets. */
export const Seed = z.strictObject({
  nhn: z.strictObject({
    /** Keyed by upper-case region name (KR1, KR2, KR3). */
    regions: z.record(z.string().regex(/^[A-Z0-9]+$/), NhnRegionSeed),
  }),
  ncloud: z.strictObject({
    regionCodes: z.array(z.string().min(1)).min(1),
    networkInterfaces: z.array(z.string().min(1)),
    buckets: z.array(z.string().min(1)),
  }),
});
export type Seed = z.infer<typeof Seed>;

// Readable ids: the first group names the kind (a = VPC, b = subnet, c = port), the second the region,
// the last the position (VPC 1, subnet 1.2, port 1.2.3).
const uuid = (kind: string, region: number, position: string) =>
  `${kind.repeat(8)}-000${region}-4000-8000-${position.padStart(12, "0")}`;

const PORTS_PER_SUBNET: Record<string, number> = { "1.1": 3, "1.2": 2, "2.1": 2 };
const SUBNETS_PER_VPC: Record<number, number> = { 1: 2, 2: 1 };

function regionSeed(region: number): NhnRegionSeed {
  const prefix = `kr${region}`;
  const vpcs = [1, 2].map((v) => ({
    id: uuid("a", region, `${v}`),
    name: `${prefix}-vpc-${v}`,
    subnets: Array.from({ length: SUBNETS_PER_VPC[v] }, (_, i) => {
      const s = i + 1;
      return {
        id: uuid("b", region, `${v}${s}`),
        name: `${prefix}-vpc-${v}-subnet-${s}`,
        ports: Array.from({ length: PORTS_PER_SUBNET[`${v}.${s}`] }, (_, j) => ({
          id: uuid("c", region, `${v}${s}${j + 1}`),
          name: `${prefix}-vpc-${v}-subnet-${s}-port-${j + 1}`,
        })),
      };
    }),
  }));
  return { vpcs, grantedContainers: ["flowlog"] };
}

export const DEFAULT_SEED: Seed = Seed.parse({
  nhn: { regions: { KR1: regionSeed(1), KR2: regionSeed(2), KR3: regionSeed(3) } },
  ncloud: {
    regionCodes: ["KR", "SGN", "JPN"],
    networkInterfaces: ["1000001", "1000002", "1000003"],
    buckets: ["flowlog-bucket"],
  },
});

/** Reads and validates a JSON seed file; throws with the zod issues when it does not match. */
export function loadSeed(file: string): Seed {
  const parsed = Seed.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`invalid seed ${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
