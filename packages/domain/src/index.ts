// The domain's public surface, module by module: what the server, the simulator and the clients use.

// ID numbers: the identity package's whole surface, and what the domain adds to it.
export * from '@onewindow/identity';
export {
  assertCheckIn,
  checkInClosesAt,
} from './appointment.js';
export { Attrition } from './attrition.js';
export {
  type BalanceOptions,
  balancedPolicy,
  DEFAULT_BALANCE,
  defaultPolicy,
  idleWindowOrder,
  isSaturated,
  onewindowPolicy,
  starvationBoundMin,
  windowBreadth,
} from './balance.js';
export {
  BookingRule,
  blockedUntil,
  bookableAt,
  bookingDays,
  bookingIntervals,
  checkSlot,
  type DayRefusal,
  DEFAULT_BOOKING_RULE,
  MissRule,
  type Slot,
  slotsOfDay,
} from './booking.js';
export {
  bundleGuide,
  mergeMaterials,
} from './bundles.js';
export {
  type Actor,
  addUnresolvedStep,
  assignRectification,
  assignUnresolved,
  closeUnresolved,
  isOverdue,
  recordRectification,
  recordReturnVisit,
} from './case-flow.js';
export {
  addWorkingDays,
  CaseAssignee,
  CaseNotification,
  CaseStep,
  Notice,
  RECTIFY_AT_OR_BELOW,
  Rectification,
  RectificationEntry,
  RectificationStatus,
  UnresolvedCase,
  WindowFigures,
  type WorkdayCalendar,
  weekdayCalendar,
} from './casework.js';
export {
  CLASS_RANK,
  compareQueueOrder,
  type DispatchContext,
  type DispatchPolicy,
  effectiveRank,
  isEligible,
  priorityFifo,
  selectNext,
} from './dispatch.js';
export {
  DomainError,
  type DomainErrorCode,
  domainErrorCodes,
  isDomainError,
} from './errors.js';
export {
  addHandleObservation,
  DEFAULT_PACE_WEIGHT,
  HANDLE_PRIOR_WEIGHT,
  type HandleStats,
  handleEstimate,
  type InService,
  type QueueView,
  queuePosition,
  queueStats,
  recentRate,
} from './estimate.js';
export { FORECAST_CALLS, type ForecastInput, ForecastQueues, forecastWaits } from './forecast.js';
export { endedAtLeast, type RestWithin, staggeredFreeTimes } from './free-times.js';
export {
  autoCall,
  autoCallOnArrival,
  callableQueue,
  callNext,
  callTicket,
  effectiveWindow,
  effectiveWindows,
  endAtWindow,
  type HallEffect,
  type HallState,
  type HallStep,
  type LeaveAction,
  pickNext,
  recall,
  restoreNoShow,
  startService,
  type WindowTicketChange,
} from './hall/index.js';
export {
  closingTime,
  DayIntervals,
  type DayKind,
  HallHours,
  type HolidayCalendar,
  isWorkingDay,
  OpenInterval,
  type OpeningState,
  openIntervals,
  openingAt,
  plainCalendar,
  SpecialDay,
  WEEKDAYS,
  type Weekday,
  weekdayHours,
  weekdayOf,
} from './hours.js';
export { assertValidIdNumber, maskResident } from './identity.js';
export { expectedFreeIn, OVERRUN_REST_SHARE, servicesUnderWay } from './in-service.js';
export {
  DocumentError,
  formatIssues,
  formatPath,
  parseDocument,
} from './issues.js';
export {
  Appointment,
  AppointmentStatus,
  Category,
  ClockTime,
  DEFAULT_HALL_RULES,
  Evaluation,
  EvaluationChannel,
  EvaluationLevel,
  emptyGuide,
  GreenReason,
  Guide,
  Hall,
  HallLevel,
  HallRules,
  Id,
  Instant,
  LedConfig,
  Material,
  Matter,
  MatterKind,
  MatterLoad,
  newHall,
  PauseReason,
  PriorityClass,
  QueuePosition,
  QueueStats,
  ResidentMasked,
  ServiceDay,
  SkillSet,
  Staff,
  Ticket,
  TicketStatus,
  Window,
  WindowDef,
  WindowPrinterConfig,
  WindowState,
  WindowType,
} from './model.js';
export {
  counterKey,
  formatTicketNumber,
  TICKET_DIGITS,
} from './numbering.js';
export {
  BREADTH_EXPONENT,
  EXACT_AHEAD,
  fill,
  PACE_WINDOW_MIN,
  Positioner,
  pour,
} from './position.js';
export { QueueIndex, type QueueReader } from './queue-index.js';
export {
  mergeSkills,
  type SkillTier,
  type StaffLinks,
  serviceTier,
  skillSetCovers,
  windowServes,
  withBackupSkills,
} from './skills.js';
export {
  DEFAULT_GOAL,
  type DemandStream,
  erlangC,
  type QueueFigures,
  queueFigures,
  requiredWindows,
  requiredWindowsForGroup,
  type StaffingGoal,
} from './staffing.js';
export {
  AT_WINDOW_STATUSES,
  applyTicketAction,
  assertAtWindow,
  canApply,
  isAtWindow,
  isQueued,
  isTerminal,
  type NewTicketInput,
  newTicket,
  QUEUED_STATUSES,
  TERMINAL_STATUSES,
  type TicketAction,
  type TicketActionType,
  TRANSITIONS,
  type TransferTarget,
  waitToCallMs,
} from './ticket.js';
export {
  clockTimeToMinutes,
  MINUTE_MS,
  SHANGHAI_OFFSET_MS,
  serviceDayOf,
  shanghaiClock,
  shanghaiInstant,
  shanghaiMinuteOfDay,
} from './time.js';
export { VISITS_KEPT, VISITS_NEEDED, VisitDurations } from './visit-durations.js';
export {
  type CalibrationOptions,
  DEFAULT_CALIBRATION,
  type EstimateAccuracy,
  printedRange,
  type ToldWait,
  WaitCalibration,
  type WaitOutcome,
} from './wait-calibration.js';
export {
  printedWait,
  WAIT_RANGE_SPREAD,
  type WaitLocale,
  type WaitRange,
  waitRange,
  waitWords,
} from './wait-range.js';
export {
  applyWindowAction,
  assertCanCall,
  initialWindow,
  isCalling,
  staffMayWorkAt,
  type WindowAction,
  windowScreenText,
} from './window.js';
export { PlannedHours, startAt } from './window-hours.js';
