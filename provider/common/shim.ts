import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object handed to `dynamic.Resource`. Pulumi serializes it by value into every resource's
 * state (`__provider`), so it holds nothing but the name of a module of the installed package: no
 * credentials, no logic. Refresh and destroy of existing resources therefore run the installed version.
 * Each method may refer only to its own arguments, `modulePath` and `require`: anything else would be
 * captured into state by the closure serializer.
 */
export function providerShim(
  modulePath: string,
): pulumi.dynamic.ResourceProvider<Record<string, unknown>, Record<string, unknown>> {
  return {
    configure: (req) => require(modulePath).provider.configure(req),
    check: (olds, news) => require(modulePath).provider.check(olds, news),
    diff: (id, olds, news) => require(modulePath).provider.diff(id, olds, news),
    create: (inputs) => require(modulePath).provider.create(inputs),
    read: (id, props) => require(modulePath).provider.read(id, props),
    update: (id, olds, news) => require(modulePath).provider.update(id, olds, news),
    delete: (id, props) => require(modulePath).provider.delete(id, props),
  };
}

/** The module id the host resolves from the program's directory (`require-from-string` uses the cwd). */
export const PACKAGE_NAME = "pulumi-flowlog";

/**
 * FROZEN. The modules the shims `require`, written into every resource's state (`__provider`) by every
 * release. Refresh and destroy of a stack load them from the installed package, so moving or renaming one
 * breaks every existing stack. Never change these; a new path needs the old one kept (a re-export) and an
 * upgrade test (test/package/frozen-paths.test.ts pins them; test/upgrade runs state of older releases).
 */
export const PROVIDER_MODULES = {
  nhncloudFlowLogLogger: `${PACKAGE_NAME}/dist/provider/nhncloud/flowlog-logger/provider`,
  ncloudFlowLog: `${PACKAGE_NAME}/dist/provider/ncloud/flow-log/provider`,
} as const;
