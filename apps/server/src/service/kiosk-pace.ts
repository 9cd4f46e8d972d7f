/**
 * Tickets each kiosk issued in the last minute. A kiosk past its hall's limit is refused until its
 * oldest ticket of that minute ages out; the first refusal of each minute is reported, once.
 */
export class KioskPace {
  private readonly issued = new Map<string, number[]>();
  private readonly reported = new Map<string, number>();

  /** 0 when the kiosk may issue now (and it is counted), else the milliseconds until it may. */
  take(deviceId: string, perMinute: number, now: number): number {
    const times = (this.issued.get(deviceId) ?? []).filter((t) => now - t < 60_000);
    if (times.length >= perMinute) {
      this.issued.set(deviceId, times);
      return 60_000 - (now - times[0]!);
    }
    times.push(now);
    this.issued.set(deviceId, times);
    return 0;
  }

  /** Whether this refusal is the first of its minute for the kiosk (the one to alert managers with). */
  firstRefusal(deviceId: string, now: number): boolean {
    const last = this.reported.get(deviceId);
    if (last !== undefined && now - last < 60_000) return false;
    this.reported.set(deviceId, now);
    return true;
  }
}
