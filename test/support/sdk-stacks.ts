// Jest (setupFilesAfterEnv): the stacks the Pulumi SDK and gRPC take for their own bookkeeping, as a Pulumi
// program has them.
//
// Jest maps every stack through source-map-support, for each of up to 100 frames (jest raises
// Error.stackTraceLimit from Node's 10). Three kinds of stack are taken by the thousand for strings no
// test reads, and mapping them was a sixth of a test file's CPU where a program registers resources or a
// stack calls the provider host:
// - the SDK's `new Error().stack` for every promise it makes (@pulumi/pulumi/runtime/debuggable.js,
//   `debuggablePromise`), to name leaked promises when a program exits: formatted as in a Pulumi program,
//   V8's format, Node's 10 frames, no source maps;
// - the SDK's stack of every resource registered (`Resource.callsites` in @pulumi/pulumi/resource.js,
//   for the source position the engine records, which the mocks drop): every frame, unmapped;
// - gRPC's caller stack of every call (@grpc/grpc-js client.js), appended to a failed call's stack:
//   Node's 10 frames, unmapped.
// Every other stack (a failed assertion, an error a test shows) is still mapped to the TypeScript source.
const mapped = Error.prepareStackTrace;
const NODE_STACK_TRACE_LIMIT = 10;

/** How many frames to show unmapped, or undefined to map the stack as jest does. */
function unmapped(frames: NodeJS.CallSite[]): number | undefined {
  const first = frames[0];
  if (first === undefined) return undefined;
  const file = first.getFileName() ?? "";
  if (first.getFunctionName() === "debuggablePromise") return NODE_STACK_TRACE_LIMIT;
  if (first.getFunctionName() === "callsites" && SDK_RESOURCE.test(file)) return frames.length;
  if (GRPC_CLIENT.test(file)) return NODE_STACK_TRACE_LIMIT;
  return undefined;
}

const SDK_RESOURCE = /[\\/]@pulumi[\\/]pulumi[\\/]resource\.js$/;
const GRPC_CLIENT = /[\\/]@grpc[\\/]grpc-js[\\/]build[\\/]src[\\/]client\.js$/;

Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): unknown => {
  const shown = unmapped(frames);
  if (shown === undefined && mapped !== undefined) return mapped(error, frames);
  return `${error}${frames
    .slice(0, shown ?? NODE_STACK_TRACE_LIMIT)
    .map((frame) => `\n    at ${frame}`)
    .join("")}`;
};
