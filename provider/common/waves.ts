export interface WaveOptions {
  /** Keys per batch at most. */
  max: number;
  /** While the wave size is unknown, a batch goes once requests stop arriving for this long. */
  quietMs: number;
  /** No request waits longer than this for its batch. */
  maxDelayMs: number;
  /**
   * Hold a partial batch while earlier ones are being answered: their answers bring the rest of the wave
   * (the engine sends the next read as soon as one returns). For reads that can wait a moment (refresh).
   */
  holdWhileAnswering?: boolean;
}

/**
 * Gathers requests that arrive together into one batch, keyed so that a key asked twice is asked once. The
 * engine sends operations in waves as large as its parallelism, which this learns as the most keys it has
 * seen waiting and being answered at once: a batch goes as soon as a wave is complete, while the size is
 * unknown once requests stop arriving for `quietMs`, and never later than `maxDelayMs` after its first.
 */
export class WaveCollector<T> {
  private pending = new Map<string, T[]>();
  private timer?: NodeJS.Timeout;
  private firstAt = 0;
  /** Keys sent and not answered yet. */
  private answering = 0;
  /** The most keys waiting and being answered at once so far. */
  private peak = 0;
  private wave?: number;

  constructor(
    private readonly flushTo: (batch: Map<string, T[]>) => Promise<unknown>,
    private readonly options: WaveOptions,
  ) {}

  add(key: string, item: T): void {
    if (this.pending.size === 0) this.firstAt = Date.now();
    const items = this.pending.get(key) ?? [];
    items.push(item);
    this.pending.set(key, items);
    this.peak = Math.max(this.peak, this.pending.size + this.answering);
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    // Holding, one batch is answered at a time (Nagle's way): the wave fills up meanwhile.
    const holding = this.options.holdWhileAnswering === true && this.answering > 0;
    const full = holding ? this.options.max : Math.min(this.options.max, this.wave ?? this.options.max);
    if (this.pending.size >= full) {
      this.flush();
      return;
    }
    const left = this.firstAt + this.options.maxDelayMs - Date.now();
    const wait = this.wave === undefined && !holding ? Math.min(this.options.quietMs, left) : left;
    this.timer = setTimeout(() => this.flush(), Math.max(0, wait));
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    this.wave = Math.min(this.options.max, Math.max(this.wave ?? 0, batch.size + this.answering));
    this.answering += batch.size;
    const answered = () => {
      this.answering -= batch.size;
      // Requests that arrived while this batch was answered belong to the same wave.
      this.wave = Math.min(this.options.max, Math.max(this.wave ?? 0, this.peak));
      // The answers just sent bring the rest of the wave: give it a moment to arrive.
      if (this.options.holdWhileAnswering && this.answering === 0 && this.pending.size > 0) {
        clearTimeout(this.timer);
        const left = this.firstAt + this.options.maxDelayMs - Date.now();
        this.timer = setTimeout(() => this.flush(), Math.max(0, Math.min(this.options.quietMs, left)));
      }
    };
    this.flushTo(batch).then(answered, answered);
  }
}
