import type { Seed } from "../emulator";
import { nhncloud } from "../provider";
import type { Registration } from "../test/support/program";
import { STORAGE_URL, type World } from "../test/support/world";

/** One logger of the soak program. */
export interface LoggerSpec {
  /** The Pulumi name. */
  key: string;
  name: string;
  region: string;
  port: string;
  description: string;
  aggregationInterval: number;
}

/** The seeded port ids of each region (there are only a handful: loggers share ports under distinct names). */
export function portsBySeed(seed: Seed, regions: string[]): Record<string, string[]> {
  return Object.fromEntries(
    regions.map((region) => [
      region,
      seed.nhn.regions[region].vpcs.flatMap((vpc) =>
        vpc.subnets.flatMap((subnet) => subnet.ports.map((port) => port.id)),
      ),
    ]),
  );
}

/** `n` loggers alternating between regions, spread over each region's ports. */
export function specsFor(n: number, ports: Record<string, string[]>): LoggerSpec[] {
  const regions = Object.keys(ports);
  return Array.from({ length: n }, (_, i) => {
    const region = regions[i % regions.length];
    const regionPorts = ports[region];
    return {
      key: `soak-${i}`,
      name: `soak-logger-${i}`,
      region,
      port: regionPorts[Math.floor(i / regions.length) % regionPorts.length],
      description: `soak logger ${i}`,
      aggregationInterval: 10,
    };
  });
}

/** Runs the Pulumi program declaring these loggers and returns what it registered. */
export function program(world: World, specs: LoggerSpec[]): Promise<Registration[]> {
  return world.program(() => {
    for (const spec of specs) {
      new nhncloud.FlowLogLogger(spec.key, {
        name: spec.name,
        region: spec.region,
        resourceId: spec.port,
        storageUrl: STORAGE_URL,
        description: spec.description,
        aggregationInterval: spec.aggregationInterval,
      });
    }
  });
}
