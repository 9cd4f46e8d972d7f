import {
  type CalibrationOptions,
  DEFAULT_CALIBRATION,
  type QueuePosition,
  WaitCalibration,
} from '@onewindow/domain';

/**
 * The simulated hall's learning of its estimates, as the live hall does it: what each ticket was told
 * is kept, its actual wait goes in at its first call, a resident who left or was 过号 counts as a
 * drop — each at the moment it happens, never ahead. `null` options: the structure told as it is.
 */
export class HallLearning {
  private current: WaitCalibration | undefined;
  private readonly told = new Map<
    string,
    { baseMin: number; toldMin: number; fromMin: number | null; toMin: number | null }
  >();

  constructor(options: CalibrationOptions | null | undefined, from?: WaitCalibration) {
    this.current =
      options === null ? undefined : (from ?? WaitCalibration.initial(options ?? DEFAULT_CALIBRATION));
  }

  /** What the estimates of this moment use (undefined: no learning). */
  get calibration(): WaitCalibration | undefined {
    return this.current;
  }

  /** The wait told at issue, remembered to be measured against the actual one. */
  issued(ticketId: string, position: QueuePosition): void {
    if (position.baseWaitMin == null || position.estimatedWaitMin === null) return;
    this.told.set(ticketId, {
      baseMin: position.baseWaitMin,
      toldMin: position.estimatedWaitMin,
      fromMin: position.range?.fromMin ?? null,
      toMin: position.range?.toMin ?? null,
    });
  }

  /** A first call, after `waitedMin`. */
  called(ticketId: string, matterId: string, waitedMin: number): void {
    const said = this.told.get(ticketId);
    if (this.current !== undefined && said !== undefined)
      this.current = this.current.observe({ matterId, ...said, actualMin: waitedMin });
  }

  /** A queued ticket gone unserved (left, or 过号) after `waitedMin`. */
  dropped(waitedMin: number): void {
    if (this.current !== undefined) this.current = this.current.observeDrop(waitedMin);
  }
}
