import type { AckError, ErrorCode, PrinterProblem } from '@onewindow/protocol';
import { format, type Locale, shanghaiDateTime } from './i18n.js';

type Details = Readonly<Record<string, unknown>>;

/**
 * What each refusal means for the person at the screen, in their language. Screens show these, never
 * the server's message (which is English, for logs); `{name}` comes from the error's details.
 */
const TEXT: Record<Locale, Record<ErrorCode, string>> = {
  'zh-CN': {
    ILLEGAL_TRANSITION: '该号码当前的状态不能进行此操作',
    TICKET_NOT_AT_WINDOW: '该号码不在本窗口',
    NOT_ELIGIBLE: '本窗口不能办理该号码的事项',
    QUEUE_EMPTY: '暂无本窗口可办理的等候号',
    WINDOW_NOT_OPEN: '窗口未开放或已暂停',
    WINDOW_BUSY: '本窗口还有未办结的号，请先办结、转办或过号',
    WINDOW_ALREADY_OPEN: '窗口已经开放',
    STAFF_NOT_ALLOWED: '该工作人员不在本窗口岗位，也不是本窗口的 B 岗',
    INVALID_ID_NUMBER: '身份证号码校验未通过',
    APPOINTMENT_TOO_EARLY: '还未到预约签到时间',
    APPOINTMENT_TOO_LATE: '预约签到时间已过',
    APPOINTMENT_USED: '该预约已签到',
    APPOINTMENT_CANCELLED: '该预约已取消',
    TRANSFER_TARGET_INVALID: '转办去向无效',
    UNDO_TOO_LATE: '已超过可撤销过号的时间',
    SLOT_FULL: '该时段已约满，请选择其他时段',
    BOOKING_CLOSED: '该日期或时段不可预约',
    BOOKING_LIMIT: '您当天预约该事项的次数已达上限',
    BOOKING_BLOCKED: '因多次预约未到，暂时不能预约',
    BOOKING_NOT_FOUND: '预约码或手机号后四位不正确',
    VALIDATION_FAILED: '填写的内容不符合要求',
    UNAUTHENTICATED: '设备未授权，请联系管理员',
    FORBIDDEN: '本设备无权进行此操作',
    NOT_FOUND: '没有找到相关记录',
    REQUEST_ID_REUSED: '请求重复，请重试',
    HALL_CLOSED: '当前不在取号时间',
    QUOTA_REACHED: '今日号源已取完',
    RESIDENT_LIMIT_REACHED: '您今日办理该事项的取号次数已达上限',
    STAFF_REQUIRED: '请先选择工作人员并登录',
    UNKNOWN_COMMAND: '服务器不认识这个操作，请更新本设备的软件',
    ALREADY_EVALUATED: '本次服务已经评价过',
    NOT_EVALUABLE: '办结后才能评价',
    WRONG_PIN: '工号或密码错误',
    WRONG_CREDENTIALS: '用户名或密码错误',
    VERSION_CONFLICT: '配置已被他人修改，请刷新后重新修改',
    PAIRING_INVALID: '配对码错误、已使用或已过期，请在管理后台重新生成',
    SETUP_DONE: '管理员已创建，或初始化链接无效',
    NO_PRINTER: '本窗口未配置打印机',
    PRINT_FAILED: '打印机未能打印',
    RATE_LIMITED: '操作过于频繁，请稍候再试',
    INTERNAL: '服务器处理失败，未做任何更改，请重试',
    TIMEOUT: '服务器未及时响应，请稍后重试',
    DISCONNECTED: '未连接大厅服务器，正在重连，请稍候',
  },
  en: {
    ILLEGAL_TRANSITION: 'This ticket cannot do that in its current state',
    TICKET_NOT_AT_WINDOW: 'This ticket is not at this window',
    NOT_ELIGIBLE: 'This window does not serve that ticket’s matter',
    QUEUE_EMPTY: 'Nobody is waiting for this window',
    WINDOW_NOT_OPEN: 'The window is closed or paused',
    WINDOW_BUSY: 'The window still has a ticket: finish, transfer or mark it no-show first',
    WINDOW_ALREADY_OPEN: 'The window is already open',
    STAFF_NOT_ALLOWED: 'This person is not assigned to this window, nor its backup',
    INVALID_ID_NUMBER: 'The ID number is not valid',
    APPOINTMENT_TOO_EARLY: 'Too early to check in',
    APPOINTMENT_TOO_LATE: 'Check-in has closed',
    APPOINTMENT_USED: 'Already checked in',
    APPOINTMENT_CANCELLED: 'The appointment was cancelled',
    TRANSFER_TARGET_INVALID: 'Not a valid transfer target',
    UNDO_TOO_LATE: 'Too late to take back the no-show',
    SLOT_FULL: 'This time slot is fully booked; please choose another',
    BOOKING_CLOSED: 'This day or time slot cannot be booked',
    BOOKING_LIMIT: 'You already hold the most bookings allowed for this matter that day',
    BOOKING_BLOCKED: 'Booking is paused for you after several missed appointments',
    BOOKING_NOT_FOUND: 'Booking code or last four phone digits are wrong',
    VALIDATION_FAILED: 'Something entered is not valid',
    UNAUTHENTICATED: 'This device is not authorized; call the administrator',
    FORBIDDEN: 'This device may not do that',
    NOT_FOUND: 'Not found',
    REQUEST_ID_REUSED: 'Duplicate request; please try again',
    HALL_CLOSED: 'Tickets are not issued now',
    QUOTA_REACHED: 'All of today’s numbers are taken',
    RESIDENT_LIMIT_REACHED: 'You have taken the most tickets allowed for this matter today',
    STAFF_REQUIRED: 'Choose a clerk and sign in first',
    UNKNOWN_COMMAND: 'The server does not know this action; update this device’s software',
    ALREADY_EVALUATED: 'This visit has been rated already',
    NOT_EVALUABLE: 'Visits are rated once finished',
    WRONG_PIN: 'Wrong staff ID or PIN',
    WRONG_CREDENTIALS: 'Wrong username or password',
    VERSION_CONFLICT: 'Someone else changed the configuration; reload and change it again',
    PAIRING_INVALID: 'The pairing code is wrong, used or expired; make a new one in the console',
    SETUP_DONE: 'The first administrator exists already, or the setup link is not valid',
    NO_PRINTER: 'This window has no printer',
    PRINT_FAILED: 'The printer did not print',
    RATE_LIMITED: 'Too many requests; please wait a moment and try again',
    INTERNAL: 'The server failed; nothing was changed. Please try again',
    TIMEOUT: 'No answer from the server; please try again',
    DISCONNECTED: 'Not connected to the hall server; reconnecting',
  },
};

const PRINTER_TEXT: Record<Locale, Record<PrinterProblem, string>> = {
  'zh-CN': {
    paperEnd: '打印纸已用完',
    coverOpen: '打印机盖未关好',
    offline: '打印机离线',
    timeout: '打印机无响应',
    disconnected: '打印机未连接',
    absent: '未配置打印机',
    invalid: '打印内容有误',
  },
  en: {
    paperEnd: 'out of paper',
    coverOpen: 'cover open',
    offline: 'printer offline',
    timeout: 'printer not answering',
    disconnected: 'printer not connected',
    absent: 'no printer',
    invalid: 'invalid print job',
  },
};

/** Extra words some refusals carry from their details: tries left, when to try again, which problem. */
const MORE: Record<Locale, { triesLeft: string; retryAt: string; problem: string; pinRequired: string }> = {
  'zh-CN': {
    triesLeft: '，还可尝试 {n} 次',
    retryAt: '，请于 {time} 后再试',
    problem: '（{problem}）',
    pinRequired: '请输入密码（PIN）',
  },
  en: {
    triesLeft: '; {n} tries left',
    retryAt: '; try again after {time}',
    problem: ' ({problem})',
    pinRequired: 'Please enter your PIN',
  },
};

export function printerProblemText(locale: Locale, problem: PrinterProblem): string {
  return PRINTER_TEXT[locale][problem];
}

const isPrinterProblem = (v: unknown): v is PrinterProblem =>
  typeof v === 'string' && v in PRINTER_TEXT['zh-CN'];

/** A refusal as the person at the screen reads it, with what its details add. */
export function errorText(locale: Locale, error: Pick<AckError, 'code'> & { details?: Details }): string {
  const d = error.details ?? {};
  const more = MORE[locale];
  if (d.pinRequired === true) return more.pinRequired;
  let text = TEXT[locale][error.code] ?? TEXT[locale].INTERNAL;
  if (typeof d.retryAt === 'number') {
    text += format(more.retryAt, { time: shanghaiDateTime(d.retryAt).slice(11) });
  } else if (typeof d.triesLeft === 'number') {
    text += format(more.triesLeft, { n: d.triesLeft });
  }
  if (isPrinterProblem(d.problem))
    text += format(more.problem, { problem: printerProblemText(locale, d.problem) });
  return text;
}
