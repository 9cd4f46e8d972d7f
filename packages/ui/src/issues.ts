import { format, type Locale } from './i18n.js';

/** The kinds of field problem the server reports, recognised by the wording of its (English) message. */
const KINDS: { pattern: RegExp; zh: string; en: string }[] = [
  {
    pattern: /^unknown (category|matter|window|staff|hall) "([^"]*)"/,
    zh: '未知的{0}“{1}”',
    en: 'unknown {0} "{1}"',
  },
  { pattern: /^duplicate (\w+) id "([^"]*)"/, zh: '{0}编号“{1}”重复', en: 'the {0} id "{1}" is used twice' },
  {
    pattern: /^matter code "([^"]*)" is also used/,
    zh: '事项编码“{0}”已被其他事项使用',
    en: 'matter code "{0}" is used by another matter',
  },
  {
    pattern: /^window number "([^"]*)" is also used/,
    zh: '窗口号“{0}”已被其他窗口使用',
    en: 'window number "{0}" is used by another window',
  },
  {
    pattern: /^overlaps or comes before/,
    zh: '与前一时段重叠，或早于前一时段',
    en: 'overlaps or comes before the interval above',
  },
  { pattern: /^close must be after open/, zh: '结束时间应晚于开始时间', en: 'must close after it opens' },
  { pattern: /HH:MM/, zh: '时间格式应为 HH:MM（24 小时制）', en: 'must be HH:MM (24-hour)' },
  { pattern: /YYYY-MM-DD/, zh: '日期格式应为 YYYY-MM-DD', en: 'must be YYYY-MM-DD' },
  {
    pattern: /^a window must serve something/,
    zh: '窗口至少要办理一类事项',
    en: 'a window must serve something',
  },
  {
    pattern: /one or two capital letters/,
    zh: '应为一到两个大写字母',
    en: 'must be one or two capital letters',
  },
  {
    pattern: /is itself a bundle|cannot contain itself/,
    zh: '一件事只能包含普通事项',
    en: 'a bundle contains plain matters only',
  },
  { pattern: /is listed twice/, zh: '日期重复', en: 'the date is listed twice' },
  { pattern: /cannot back up themselves/, zh: '不能做自己的 B 岗', en: 'cannot back up themselves' },
  {
    pattern: /promisedDays is required/,
    zh: '承诺件须填写承诺办结工作日，即办件不填',
    en: 'promised matters need their working days; instant ones none',
  },
  { pattern: /must be at least 10 characters/, zh: '至少 10 个字符', en: 'at least 10 characters' },
  { pattern: /must be 4–8 digits/, zh: '应为 4–8 位数字', en: 'must be 4–8 digits' },
  {
    pattern: /^"([^"]*)" (?:exists already|is taken)/,
    zh: '“{0}”已被使用，请换一个{field}',
    en: '"{0}" is taken: choose another {field}',
  },
  {
    pattern: /exists already|is taken/,
    zh: '已被使用，请换一个{field}',
    en: 'taken: choose another {field}',
  },
  {
    pattern: /belong to one window/,
    zh: '请选择{field}：窗口客户端和评价器各属于一个窗口，其他设备不选窗口',
    en: 'Choose {field}: window clients and pads belong to one window, other devices to none',
  },
  {
    pattern: /must be letters, digits|must be 3–32 of/,
    zh: '只能用字母、数字和 _ . : -',
    en: 'letters, digits and _ . : - only',
  },
  {
    pattern: /http\(s\) address/,
    zh: '应为 http(s) 网址或以 / 开头的路径',
    en: 'must be an http(s) address or a path',
  },
  {
    pattern: /expected string to have >=1 characters|received (?:undefined|null|NaN)|Required/i,
    zh: '请填写{field}',
    en: 'Please fill in {field}',
  },
  {
    pattern: /expected string to have >=(\d+) characters/,
    zh: '{field}至少 {0} 个字',
    en: 'at least {0} characters',
  },
  {
    pattern: /expected string to have <=(\d+) characters/,
    zh: '{field}最多 {0} 个字',
    en: 'at most {0} characters',
  },
  { pattern: /expected array to have >=(\d+) items?/, zh: '请至少选择 {0} 项', en: 'choose at least {0}' },
  { pattern: /expected array to have <=(\d+) items?/, zh: '最多选择 {0} 项', en: 'choose at most {0}' },
  { pattern: /expected number to be >=(-?[\d.]+)/, zh: '{field}不能小于 {0}', en: 'must be {0} or more' },
  { pattern: /expected number to be >(-?[\d.]+)/, zh: '{field}应大于 {0}', en: 'must be more than {0}' },
  { pattern: /expected number to be <=(-?[\d.]+)/, zh: '{field}不能大于 {0}', en: 'must be {0} or less' },
  { pattern: /expected int\b/, zh: '{field}应为整数', en: 'must be a whole number' },
  { pattern: /Invalid option|expected one of/, zh: '请选择{field}', en: 'Please choose {field}' },
  { pattern: /too small|>=|at least/i, zh: '{field}太短或太小', en: 'too short or too small' },
  { pattern: /too big|<=|at most/i, zh: '{field}太长或太大', en: 'too long or too large' },
];

/**
 * A field problem in the console's language, saying what to do (请填写名称, 最多 60 个字). `field` is
 * the label of the field it is shown at; without one the sentence names no field.
 */
export function issueText(locale: Locale, message: string, field?: string): string {
  const name = field ?? (locale === 'en' ? 'this field' : '此项');
  for (const k of KINDS) {
    const m = k.pattern.exec(message);
    if (m === null) continue;
    const vars = Object.fromEntries(m.slice(1).map((v, i) => [String(i), v ?? '']));
    return format(locale === 'en' ? k.en : k.zh, { ...vars, field: name });
  }
  return locale === 'en' ? `Please check ${name}` : `请检查${name}的内容`;
}
