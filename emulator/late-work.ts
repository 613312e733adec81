/** Work a slow backend does after its answer went out; cancelled when the emulator closes. */
export class LateWork {
  private readonly timers = new Set<NodeJS.Timeout>();

  run(delayMs: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, delayMs);
    this.timers.add(timer);
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
