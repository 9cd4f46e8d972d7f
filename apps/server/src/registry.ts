import { notFound } from './errors.js';
import type { HallRuntime } from './hall-runtime.js';

/** Every hall this server hosts, as configured now. A change in the console replaces one entry. */
export class HallRegistry {
  private readonly halls = new Map<string, HallRuntime>();

  get(hallId: string): HallRuntime {
    const hall = this.halls.get(hallId);
    if (hall === undefined) throw notFound('hall', hallId);
    return hall;
  }

  find(hallId: string): HallRuntime | undefined {
    return this.halls.get(hallId);
  }

  has(hallId: string): boolean {
    return this.halls.has(hallId);
  }

  all(): HallRuntime[] {
    return [...this.halls.values()];
  }

  ids(): string[] {
    return [...this.halls.keys()];
  }

  set(hall: HallRuntime): void {
    this.halls.set(hall.id, hall);
  }
}
