/**
 * Counts a process's unexpected exits over a sliding time window: a service that crashes now and
 * then is always restarted, one that keeps crashing (more than `max` exits within `windowMs`) is not.
 */
export class RestartWindow {
  private readonly exits: number[] = [];

  constructor(
    readonly max = 5,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one exit; true while the exits of the last window stay within `max`. */
  recordExit(): boolean {
    const now = this.now();
    this.exits.push(now);
    while (this.exits.length && this.exits[0] <= now - this.windowMs) this.exits.shift();
    return this.exits.length <= this.max;
  }

  /** Exits within the current window. */
  get recent(): number {
    const now = this.now();
    return this.exits.filter((at) => at > now - this.windowMs).length;
  }
}
