import { TIMING } from "../../common/timing";

/**
 * How long loggers take to settle after the API answered a create (or a re-enable), learnt in this process.
 * Each wait brackets its logger's activation between the last poll that still saw it waiting and the first
 * that saw it settled; the model keeps the medians of both ends over the last 25 waits. The next waits poll
 * once in the middle of that bracket and once at its end. A median moves once the narrower brackets
 * outnumber the wider ones, so the bracket halves every few waves (not every wave), and waits soon end
 * within a few percent of the real activation, with two or three polls shared by every logger waiting in
 * the region (test/nhncloud/flowlog-logger/activation.test.ts pins the pace).
 */
export class ActivationModel {
  private readonly waiting: number[] = [];
  private readonly settled: number[] = [];

  /** `priorMs`: what to expect before anything was observed (the service activates in one to two seconds). */
  constructor(private readonly priorMs = TIMING.activationPriorMs) {}

  get learned(): boolean {
    return this.settled.length > 0;
  }

  /** The expected time from the answer to the settled logger, in ms. */
  get expectedMs(): number {
    return this.learned ? median(this.settled) : this.priorMs;
  }

  /** A logger was still waiting `waitingMs` after its answer and had settled by `settledMs`. */
  observe(waitingMs: number, settledMs: number): void {
    // Settled at its first poll: nothing was seen waiting since the answer, but the bracket learnt so far
    // still bounds it from below (a bracket (0, settled] would undo what earlier waves learnt).
    const floor = waitingMs === 0 && this.learned ? Math.min(median(this.waiting), settledMs) : waitingMs;
    keep(this.waiting, floor);
    keep(this.settled, settledMs);
  }

  /**
   * When to poll up to the expected moment, in ms after the answer. With nothing learnt, the prior is a
   * guess: polls start early and close in. Then: the middle of the bracket (when it is still wide) and its end.
   */
  approach(): number[] {
    if (!this.learned) return [0.25, 0.5, 0.75, 0.9, 1].map((share) => Math.round(this.priorMs * share));
    const low = median(this.waiting);
    const high = median(this.settled);
    return high - low > 2 * MIN_STEP_MS ? [Math.round((low + high) / 2), high] : [high];
  }

  /** The wait before the k-th poll (from 0) past the expected moment: 5% of it, doubling, within 25 ms–5 s. */
  backoff(k: number): number {
    return Math.min(5000, Math.max(MIN_STEP_MS, Math.round(0.05 * this.expectedMs * 2 ** k)));
  }
}

const MIN_STEP_MS = 25;
const SAMPLES = 25;

function keep(samples: number[], value: number): void {
  samples.push(value);
  if (samples.length > SAMPLES) samples.shift();
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
