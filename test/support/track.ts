/** What became of a promise so far: a test on fake timers looks at it between steps of the clock. */
export interface Tracked<T> {
  done: boolean;
  value?: T;
  error?: unknown;
  /** When it settled (the clock's Date.now()). */
  at?: number;
}

/** Follows `promise` without leaving a rejection unhandled. */
export function track<T>(promise: Promise<T>): Tracked<T> {
  const tracked: Tracked<T> = { done: false };
  promise.then(
    (value) => Object.assign(tracked, { done: true, value, at: Date.now() }),
    (error: unknown) => Object.assign(tracked, { done: true, error, at: Date.now() }),
  );
  return tracked;
}
