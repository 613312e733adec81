// Jest (setupFilesAfterEnv): the Pulumi SDK's promise stacks, as a Pulumi program has them.
//
// The SDK takes `new Error().stack` for every promise it makes (@pulumi/pulumi/runtime/debuggable.js,
// `debuggablePromise`), to name leaked promises when a program exits. Under jest that stack ran through
// source-map-support for each of up to 100 frames (jest raises Error.stackTraceLimit from Node's 10): a
// sixth of a test file's CPU where a program registers resources or a stack calls the provider host, for a
// string no test reads. Those stacks alone are formatted as in a Pulumi program: V8's format, Node's 10
// frames, no source maps. Every other stack (a failed assertion, an error a test shows) is still mapped to
// the TypeScript source.
const mapped = Error.prepareStackTrace;
const NODE_STACK_TRACE_LIMIT = 10;

Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): unknown => {
  if (frames[0]?.getFunctionName() !== "debuggablePromise" && mapped !== undefined)
    return mapped(error, frames);
  const shown = frames.slice(0, NODE_STACK_TRACE_LIMIT);
  return `${error}${shown.map((frame) => `\n    at ${frame}`).join("")}`;
};
