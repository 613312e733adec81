import type { StackResult } from "./types";

/** A preview, up, refresh or destroy that failed: what failed, and the steps that were taken anyway. */
export class StackRunError extends Error {
  /** Stable: match on it rather than on `instanceof`. */
  readonly code = "ERR_FLOWLOG_TESTING_RUN";
  /** The call that failed. */
  readonly operation: "preview" | "up" | "refresh" | "destroy";
  /** The steps taken before and despite the failures. */
  readonly result: StackResult;
  /** Each resource that failed, with why. */
  readonly failures: {
    /** The resource's URN. */
    urn: string;
    /** Why it failed. */
    message: string;
  }[];
  /** What the program itself threw. */
  readonly programErrors: string[];

  /**
   * @param operation The call that failed.
   * @param result The steps taken before and despite the failures.
   * @param failures Each resource that failed, with why.
   * @param programErrors What the program itself threw.
   */
  constructor(
    operation: StackRunError["operation"],
    result: StackResult,
    failures: StackRunError["failures"],
    programErrors: string[],
  ) {
    super(
      [
        `${operation} failed:`,
        ...failures.map((f) => `  ${f.urn}: ${f.message}`),
        ...programErrors.map((e) => `  the program: ${e}`),
      ].join("\n"),
    );
    this.operation = operation;
    this.result = result;
    this.failures = failures;
    this.programErrors = programErrors;
  }
}

/** Errors about the project folder itself (not about the program): stable code, the path, the fix. */
export class ProjectError extends Error {
  /** Stable: match on it rather than on `instanceof`. */
  readonly code = "ERR_FLOWLOG_TESTING_PROJECT";
}
