/**
 * Gathers requests that arrive together into one batch, keyed so that a key asked twice is asked once. The
 * engine sends operations in waves as large as its parallelism: while the wave size is unknown, a batch goes
 * once requests stop arriving for `quietMs`; once known, as soon as the wave is complete, and never later
 * than `maxDelayMs` after its first request.
 */
export class WaveCollector<T> {
  private pending = new Map<string, T[]>();
  private timer?: NodeJS.Timeout;
  private firstAt = 0;
  /** The largest wave seen: the engine's parallelism, or as much of it as these requests fill. */
  private wave?: number;

  constructor(
    private readonly flushTo: (batch: Map<string, T[]>) => void,
    private readonly options: { max: number; quietMs?: number; maxDelayMs?: number },
  ) {}

  add(key: string, item: T): void {
    if (this.pending.size === 0) this.firstAt = Date.now();
    const items = this.pending.get(key) ?? [];
    items.push(item);
    this.pending.set(key, items);
    const wave = this.wave;
    clearTimeout(this.timer);
    if (this.pending.size >= Math.min(this.options.max, wave ?? this.options.max)) {
      this.flush();
      return;
    }
    const left = this.firstAt + (this.options.maxDelayMs ?? 60) - Date.now();
    const wait = wave === undefined ? Math.min(this.options.quietMs ?? 10, left) : left;
    this.timer = setTimeout(() => this.flush(), Math.max(0, wait));
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    this.wave = Math.max(this.wave ?? 0, batch.size);
    this.flushTo(batch);
  }
}
