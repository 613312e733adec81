import * as pulumi from "@pulumi/pulumi";
import { PACKAGE_NAME, providerShim } from "../../common/shim";
import { OUTPUT_FIELDS } from "./fields";
import type { FlowLogLoggerArgs } from "./types";

export type { FlowLogLoggerArgs } from "./types";

/** Serialized once per process (the SDK caches by object) and stored in every logger's state. */
const shim = providerShim(`${PACKAGE_NAME}/dist/provider/nhncloud/flowlog-logger/provider`);

/** Every output: dynamic resources register as outputs exactly the keys passed to the constructor. */
const OUTPUTS = OUTPUT_FIELDS;

/**
 * An NHN Cloud Flow Log logger (Flow Log API v2). `name`, `description` and `adminStateUp` are updated in
 * place; every other argument forces a replacement. The id is the logger id.
 */
export class FlowLogLogger extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly adminStateUp: pulumi.Output<boolean>;
  declare readonly resourceType: pulumi.Output<string>;
  declare readonly resourceId: pulumi.Output<string>;
  declare readonly filter: pulumi.Output<string>;
  declare readonly aggregationInterval: pulumi.Output<number>;
  declare readonly connectionSetupOnly: pulumi.Output<boolean>;
  declare readonly storageType: pulumi.Output<string>;
  declare readonly storageUrl: pulumi.Output<string>;
  declare readonly logFormat: pulumi.Output<string>;
  declare readonly compressionType: pulumi.Output<string>;
  declare readonly customizedFields: pulumi.Output<string[] | undefined>;
  declare readonly customizedFileName: pulumi.Output<string | undefined>;
  declare readonly partitionPeriod: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  declare readonly adoptId: pulumi.Output<string | undefined>;
  /** BUILD, ACTIVE, INACTIVE or ERROR. */
  declare readonly status: pulumi.Output<string>;
  /** Why the logger is in ERROR (e.g. OBSConfigurationError), else `""`. */
  declare readonly errorType: pulumi.Output<string>;
  declare readonly tenantId: pulumi.Output<string>;
  declare readonly projectId: pulumi.Output<string>;
  /** ISO 8601, UTC. */
  declare readonly createdAt: pulumi.Output<string>;
  /** ISO 8601, UTC. */
  declare readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: FlowLogLoggerArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = Object.fromEntries(OUTPUTS.map((key) => [key, undefined]));
    const pulumiStack = `${pulumi.getProject()}/${pulumi.getStack()}`;
    super(
      shim,
      name,
      { ...props, ...args, pulumiName: name, pulumiStack },
      opts,
      "nhncloud",
      "FlowLogLogger",
    );
  }

  /**
   * Reads an existing logger into the stack without managing it (`pulumi refresh` keeps it current;
   * `pulumi destroy` leaves it). `state.region` picks the region when it is not the stack's.
   */
  static get(
    name: string,
    id: pulumi.Input<string>,
    state?: { region?: pulumi.Input<string> },
    opts?: pulumi.CustomResourceOptions,
  ): FlowLogLogger {
    return new FlowLogLogger(name, (state ?? {}) as FlowLogLoggerArgs, { ...opts, id });
  }
}
