import { type FlowLogError, isFlowLogError } from "../../provider/common/errors";

/** The FlowLogError a promise rejects with; anything else (or a resolve) fails the test with what it got. */
export async function failure(promise: Promise<unknown>): Promise<FlowLogError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isFlowLogError(error)) throw new Error(`expected a FlowLogError, got ${String(error)}`);
  return error;
}
