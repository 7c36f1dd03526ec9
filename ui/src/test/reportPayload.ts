// A Report as the core sends it for the 报告 and 统计 specs (the one builder): every field of the generated binding
// (ui/src/api/bindings/Report.ts), so a field added or renamed in the core fails the type check here.
import type { Report } from '../api'

export const year = new Date().getFullYear()

/** A Report as the core sends it (every field of the generated binding). */
export function reportPayload(over: Partial<Report> = {}): Report {
  const lc = (label: string, count: number) => ({ label, count })
  return {
    scope: { period: { kind: 'year', year }, unit_ids: null },
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    period_label: `${year}年度`,
    period_dates: `${year}年1月1日至${year}年12月31日`,
    title: `${year}年度监督工作情况报告`,
    as_of: `${year}-12-03`,
    made_on: `${year}年12月3日`,
    office_name: '中共云溪县纪律检查委员会',
    units_label: '全县',
    units_covered: 43,
    heads: 41,
    talk_kinds: ['监督谈话', '约谈'],
    talks_by_kind: [lc('监督谈话', 25), lc('约谈', 4)],
    talks_total: 29,
    heads_covered: 25,
    coverage_percent: 61,
    plan_coverage: { year, in_scope: 40, covered: 30, percent: 75 },
    talks_by_month: [
      { month: `${year}-01`, from: `${year}-01-01`, to: `${year}-01-31`, counts: [3, 1], total: 4 },
      { month: `${year}-02`, from: `${year}-02-01`, to: `${year}-02-28`, counts: [22, 3], total: 25 },
    ],
    letters: [
      { kind: '提醒函', issued: 9, replied: 3, replied_on_time: 3, overdue: 2, on_time_percent: 100 },
      { kind: '督办函', issued: 4, replied: 1, replied_on_time: 1, overdue: 2, on_time_percent: 100 },
    ],
    letters_issued: 13,
    letters_replied: 4,
    letters_on_time: 4,
    on_time_percent: 100,
    letters_overdue: 4,
    items: { opened: 71, closed: 51, open: 20, overdue: 14, completion_percent: 71.8 },
    clues_received: 6,
    clues_by_disposal: [],
    sanctions_total: 3,
    sanctions_by_kind: [],
    sanctions_by_form: [],
    ratings: [lc('好', 10), lc('较好', 20), lc('一般', 8), lc('基本合格', 2)],
    summons_held: 1,
    summons_pending: 2,
    risks_by_level: [lc('高', 3), lc('中', 12), lc('低', 30)],
    hearings: 3,
    education: 4,
    education_participants: 283,
    annex: [],
    ...over,
  }
}

