// Day arithmetic on 'YYYY-MM-DD' strings for the holiday calendar editor. Dates are handled as
// UTC calendar days, so the machine's time zone never shifts a holiday by one.

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

function parse(d: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.trim())
  if (!m) return null
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return t.getUTCMonth() === Number(m[2]) - 1 ? t : null
}

function format(t: Date): string {
  return t.toISOString().slice(0, 10)
}

/** Every day from `from` to `to`, both included (in either order); at most 60 days. */
export function expandRange(from: string, to: string): string[] {
  let a = parse(from)
  let b = parse(to)
  if (!a || !b) return []
  if (a > b) [a, b] = [b, a]
  const out: string[] = []
  for (let t = a; t <= b && out.length < 60; t = new Date(t.getTime() + 86_400_000)) out.push(format(t))
  return out
}

/** `dates` plus `more`, without repeats, in date order. */
export function mergeDates(dates: string[], more: string[]): string[] {
  return [...new Set([...dates, ...more])].sort()
}

/** 星期几 of a date: '六', '日'…; '' for a malformed date. */
export function weekday(d: string): string {
  const t = parse(d)
  return t ? WEEKDAYS[t.getUTCDay()] : ''
}

export function isWeekend(d: string): boolean {
  const t = parse(d)
  return !!t && (t.getUTCDay() === 0 || t.getUTCDay() === 6)
}

/** '10月1日（二）' for showing a day in a list. */
export function shortDay(d: string): string {
  const t = parse(d)
  if (!t) return d
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日（${WEEKDAYS[t.getUTCDay()]}）`
}
