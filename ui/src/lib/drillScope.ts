// A 统计 drill-down's scope in a list page's route query: `from`, `to` (dates the core gave: the
// report's period, or the month clicked) and `units` (ids, comma separated). The list sends it
// as the report's scope (`filter.scope`), so the core lists exactly the records it counted.
import type { LocationQuery } from 'vue-router'
import type { ReportScope } from '../api'

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The scope in the query, if the page was opened from a chart. */
export function scopeFromQuery(q: LocationQuery): ReportScope | undefined {
  const from = typeof q.from === 'string' && DATE.test(q.from) ? q.from : null
  const to = typeof q.to === 'string' && DATE.test(q.to) ? q.to : null
  if (!from || !to) return undefined
  const units = typeof q.units === 'string' ? q.units.split(',').filter(Boolean) : []
  return { period: { kind: 'range', from, to }, unit_ids: units.length ? units : null }
}

/** The query for a scope: its dates as the core gave them, and the unit group. */
export function scopeQuery(from: string, to: string, unitIds: string[] | null | undefined): Record<string, string> {
  return { from, to, ...(unitIds && unitIds.length ? { units: unitIds.join(',') } : {}) }
}

/** "2026-01-01 至 2026-12-31，3 个单位": what the list says it is narrowed to. */
export function scopeText(scope: ReportScope): string {
  const p = scope.period
  const when = p.kind === 'range' ? `${p.from} 至 ${p.to}` : p.kind === 'year' ? `${p.year}年度` : `${p.year}年第${p.quarter}季度`
  const n = scope.unit_ids?.length ?? 0
  return n ? `${when}，${n} 个单位` : when
}
