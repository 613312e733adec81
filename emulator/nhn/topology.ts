import type { NhnRegionSeed } from "../seed";

export interface PortPlacement {
  port_id: string;
  /** The port's VPC id: the API calls it network_id. */
  network_id: string;
}

/** Answers "which ports does a logger on this resource log" from a region's seed. */
export class Topology {
  private readonly byResource = new Map<string, PortPlacement[]>();

  constructor(seed: NhnRegionSeed) {
    for (const vpc of seed.vpcs) {
      const vpcPorts: PortPlacement[] = [];
      for (const subnet of vpc.subnets) {
        const subnetPorts = subnet.ports.map((port) => ({ port_id: port.id, network_id: vpc.id }));
        this.byResource.set(`SUBNET:${subnet.id}`, subnetPorts);
        for (const port of subnetPorts) this.byResource.set(`PORT:${port.port_id}`, [port]);
        vpcPorts.push(...subnetPorts);
      }
      this.byResource.set(`VPC:${vpc.id}`, vpcPorts);
    }
  }

  /** The ports logged for a resource, or undefined when no such resource of that type exists. */
  ports(resourceType: string, resourceId: string): PortPlacement[] | undefined {
    return this.byResource.get(`${resourceType}:${resourceId}`);
  }
}
