export { callableQueue, pickNext } from './queue.js';
export {
  effectiveWindow,
  effectiveWindows,
  type HallEffect,
  type HallState,
  type HallStep,
  type WindowTicketChange,
} from './state.js';
export {
  autoCall,
  autoCallOnArrival,
  callNext,
  callTicket,
  endAtWindow,
  type LeaveAction,
  recall,
  restoreNoShow,
  startService,
} from './steps.js';
