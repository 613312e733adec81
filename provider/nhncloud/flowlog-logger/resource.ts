import * as pulumi from "@pulumi/pulumi";
import { PACKAGE_NAME, providerShim } from "../../common/shim";
import { ARGUMENTS, STATUS_FIELDS } from "./schema";

/** Serialized once per process (the SDK caches by object) and stored in every logger's state. */
const shim = providerShim(`${PACKAGE_NAME}/dist/provider/nhncloud/flowlog-logger/provider`);

export interface FlowLogLoggerArgs {
  /** Logger name, 1–255 characters. Default: the Pulumi name, a dash and 7 random characters. Updated in place. */
  name?: pulumi.Input<string>;
  /** Default `""`. Updated in place. */
  description?: pulumi.Input<string>;
  /** `false` stops collection (status INACTIVE). Default `true`. Updated in place. */
  adminStateUp?: pulumi.Input<boolean>;
  /** What `resourceId` names: `VPC`, `SUBNET` or `PORT`. Default `PORT`. Forces replacement. */
  resourceType?: pulumi.Input<"VPC" | "SUBNET" | "PORT">;
  /** UUID of the port, subnet or VPC to log. Required. Forces replacement. */
  resourceId: pulumi.Input<string>;
  /** `ALL`, `ACCEPT` or `DROP`. Default `ALL`. Forces replacement. */
  filter?: pulumi.Input<"ALL" | "ACCEPT" | "DROP">;
  /** Minutes between files, 1–15. Default `10`. Forces replacement. */
  aggregationInterval?: pulumi.Input<number>;
  /** Collect only connection-setup packets. Default `false`. Forces replacement. */
  connectionSetupOnly?: pulumi.Input<boolean>;
  /** Only `OBS` exists. Default `OBS`. Forces replacement. */
  storageType?: pulumi.Input<"OBS">;
  /** `https://{object-storage-endpoint}/v1/AUTH_{id}/{container}/{path}`. Required. Forces replacement. */
  storageUrl: pulumi.Input<string>;
  /** `CSV` or `PARQUET`. Default `CSV`. Forces replacement. */
  logFormat?: pulumi.Input<"CSV" | "PARQUET">;
  /** `RAW` or `GZIP`. Default `RAW`. Forces replacement. */
  compressionType?: pulumi.Input<"RAW" | "GZIP">;
  /** Fields written to each record, in this order. Default: the service's list. Forces replacement. */
  customizedFields?: pulumi.Input<pulumi.Input<string>[]>;
  /** File name template using each of `#{logger_id} #{year} #{month} #{day} #{hour} #{minute} #{second}` once. Default: the service's. Forces replacement. */
  customizedFileName?: pulumi.Input<string>;
  /** Folder layout: `HOUR`, `DAY` or a template such as `year=#{year}/month=#{month}`. Default `DAY`. Forces replacement. */
  partitionPeriod?: pulumi.Input<string>;
  /** Region (`KR1`, `KR2`, `KR3` …). Default: stack config `nhncloud:region` or `OS_REGION_NAME`. Forces replacement. */
  region?: pulumi.Input<string>;
  /** Id of an existing logger to take under management instead of creating one. Forces replacement. */
  adoptId?: pulumi.Input<string>;
}

/** Every output: dynamic resources register as outputs exactly the keys passed to the constructor. */
const OUTPUTS = [...ARGUMENTS, ...STATUS_FIELDS];

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
