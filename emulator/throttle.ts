/**
 * Counts the network API calls in flight (arrival to answer) and refuses those above a limit, as a
 * rate-limiting gateway does: the refused call is not processed and gets 429 with Retry-After.
 */
export class Throttle {
  private inFlight = 0;
  /** The most calls in flight at once so far, refused ones excluded. */
  peak = 0;

  /** @param limit undefined: unlimited. */
  constructor(private readonly limit: number | undefined) {
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
      throw new Error(`maxConcurrentRequests must be an integer of at least 1, got ${limit}`);
    }
  }

  /** Admits a call (the caller must `leave()` once it is answered), or returns false to refuse it. */
  enter(): boolean {
    if (this.limit !== undefined && this.inFlight >= this.limit) return false;
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    return true;
  }

  leave(): void {
    this.inFlight -= 1;
  }
}

/** Retry-After on a throttled call, in seconds. */
export const THROTTLE_RETRY_AFTER_SECONDS = 1;
