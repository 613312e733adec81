import { DEFAULT_SEED, type Seed, SeedSchema } from "../emulator";

export const REGION = "KR1";
export const TENANT = "0123456789abcdef0123456789abcdef";
export const STORAGE_URL = `https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_${TENANT}/flowlog/vpc`;

/** One logger to manage: one per port, as real stacks do. */
export interface LoggerSpec {
  name: string;
  resourceId: string;
}

const portId = (index: number): string => `dddddddd-0001-4000-8000-${String(index + 1).padStart(12, "0")}`;

/** The default topology with one extra KR1 subnet holding `n` ports. */
export function seedWithPorts(n: number): Seed {
  const kr1 = DEFAULT_SEED.nhn.regions[REGION];
  const ports = Array.from({ length: n }, (_, index) => ({
    id: portId(index),
    name: `bench-port-${index + 1}`,
  }));
  const vpc = {
    id: "dddddddd-0001-4000-8000-000000000000",
    name: "bench-vpc",
    subnets: [{ id: "dddddddd-0001-4000-8000-100000000000", name: "bench-subnet", ports }],
  };
  return SeedSchema.parse({
    ...DEFAULT_SEED,
    nhn: { regions: { ...DEFAULT_SEED.nhn.regions, [REGION]: { ...kr1, vpcs: [...kr1.vpcs, vpc] } } },
  });
}

export function loggerSpecs(n: number, prefix: string): LoggerSpec[] {
  return Array.from({ length: n }, (_, index) => ({
    name: `${prefix}-${index + 1}`,
    resourceId: portId(index),
  }));
}

/**
 * Stack config for the emulator at `baseUrl`, as `pulumi config set` would hold it. The network endpoint is
 * set too, so that API calls also go to `baseUrl` (the counting proxy) rather than to the catalog's URL.
 */
export function stackConfig(baseUrl: string): Record<string, string> {
  return {
    "nhncloud:authUrl": `${baseUrl}/identity/v2.0`,
    "nhncloud:networkUrl": `${baseUrl}/network/${REGION.toLowerCase()}`,
    "nhncloud:tenantId": TENANT,
    "nhncloud:username": "bench-user@example.com",
    "nhncloud:password": "emulator-api-password-1",
    "nhncloud:region": REGION,
  };
}
