import type { Op, StackResult } from "./types";

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
    /** The step that failed (absent for a refresh's reads, or when it failed before its step was known). */
    op?: Op;
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

/** Who holds a stack's state lock, as its lock file says. */
export interface LockHolder {
  /** The process id. */
  pid: number;
  /** The host name of the machine it runs on. */
  host: string;
  /** The operation it runs: `preview`, `up`, `refresh` or `destroy`. */
  operation: string;
  /** When it took the lock (ISO 8601, UTC). */
  since: string;
}

/** Another run holds the lock on this stack's state file: nothing was done. */
export class StateLockedError extends Error {
  /** Stable: match on it rather than on `instanceof`. */
  readonly code = "ERR_FLOWLOG_TESTING_LOCKED";
  /** The lock file (`<state file>.lock`). */
  readonly lockFile: string;
  /** Who holds it (undefined when the lock file cannot be read). */
  readonly holder: LockHolder | undefined;

  /**
   * @param lockFile The lock file (`<state file>.lock`).
   * @param holder Who holds it (undefined when the lock file cannot be read).
   * @param message What to tell the user.
   */
  constructor(lockFile: string, holder: LockHolder | undefined, message: string) {
    super(message);
    this.lockFile = lockFile;
    this.holder = holder;
  }
}

/** A state file that is not one the kit can read (truncated, not JSON, another shape): refused, left as it is. */
export class StateFileError extends Error {
  /** Stable: match on it rather than on `instanceof`. */
  readonly code = "ERR_FLOWLOG_TESTING_STATE";
  /** The state file. */
  readonly file: string;

  /**
   * @param file The state file.
   * @param reason What is wrong with it.
   */
  constructor(file: string, reason: string) {
    super(
      `${file}: ${reason}. The kit refuses to use it and leaves it as it is: restore it from a copy, or move it ` +
        "away to start from an empty state (the resources it listed are then no longer managed by this stack)",
    );
    this.file = file;
  }
}
