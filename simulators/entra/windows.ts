/** Sliding-window counters per key (throttling). Bounded: at most `max` stamps per key and 5,000 keys. */
const MAX_KEYS = 5000;

/** Per-key hit counters over a sliding time window. */
export class SlidingWindows {
  private readonly stamps = new Map<string, number[]>();

  /** Records a hit for `key` unless `max` hits already fall inside the window; false means throttled. */
  hit(key: string, max: number, windowMs: number, now: number): boolean {
    const recent = (this.stamps.get(key) ?? []).filter((stamp) => now - stamp < windowMs);
    if (recent.length >= max) {
      this.stamps.set(key, recent);
      return false;
    }
    recent.push(now);
    if (!this.stamps.has(key) && this.stamps.size >= MAX_KEYS) this.stamps.clear();
    this.stamps.set(key, recent);
    return true;
  }
}
