import type { NhnRegionSeed } from "../seed";
import { CREATE_DEFAULTS, type LoggerSpec } from "./model";
import type { RegionStore } from "./store";

// Object Storage has its own tenant id, not the network tenant's (FACTS.md).
const STORAGE_ACCOUNT = "AUTH_0123456789abcdef0123456789abcdef";

type Target = Pick<LoggerSpec, "resource_type" | "resource_id">;

/** Every VPC, subnet and port of a region, each VPC followed by its subnets, each subnet by its ports. */
function targets(seed: NhnRegionSeed): Target[] {
  return seed.vpcs.flatMap((vpc) => [
    { resource_type: "VPC" as const, resource_id: vpc.id },
    ...vpc.subnets.flatMap((subnet) => [
      { resource_type: "SUBNET" as const, resource_id: subnet.id },
      ...subnet.ports.map((port) => ({ resource_type: "PORT" as const, resource_id: port.id })),
    ]),
  ]);
}

/**
 * Fills a region with `count` loggers of one tenant as if made before start: named seeded-000001 … in
 * list order, created a second apart up to a second before `now`, past BUILD (ACTIVE when the region
 * grants a container), on the region's VPCs, subnets and ports in turn.
 */
export function seedLoggers(
  store: RegionStore,
  seed: NhnRegionSeed,
  count: number,
  tenantId: string,
  now = Date.now(),
): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`seedLoggers must be an integer of at least 0, got ${count}`);
  }
  if (count === 0) return;
  const on = targets(seed);
  if (on.length === 0) throw new Error(`cannot seed loggers: region ${store.region} has no VPC`);
  const container = seed.grantedContainers[0] ?? "flowlog";
  const storage = `https://${store.region.toLowerCase()}-api-object-storage.nhncloudservice.com/v1/${STORAGE_ACCOUNT}/${container}`;
  const width = Math.max(6, String(count).length);
  const last = Math.floor(now / 1000) * 1000 - 1000;
  for (let i = 0; i < count; i++) {
    const name = `seeded-${String(i + 1).padStart(width, "0")}`;
    const spec: LoggerSpec = {
      ...CREATE_DEFAULTS,
      ...on[i % on.length],
      name,
      storage_type: "OBS",
      storage_url: `${storage}/${name}`,
    };
    store.adopt(spec, tenantId, last - (count - 1 - i) * 1000);
  }
}
