// Where a click on a chart element leads: the list page that holds the records behind it, with
// the report's scope in the route query (`lib/drillScope`): the period's dates as the core gave
// them (a month's days for a month's talks) and the unit group. The list sends that scope back
// to the core, which lists the records with the very query the figure was counted with.
import type { RouteLocationRaw } from 'vue-router'
import type { Dashboard } from '../../api'
import { scopeQuery } from '../../lib/drillScope'

const inScope = (d: Dashboard) => scopeQuery(d.from, d.to, d.scope.unit_ids)

/** Held talks of a kind in the month clicked (its days inside the period), of the unit group. */
export function talksLink(d: Dashboard, monthIndex: number, kind: string): RouteLocationRaw {
  const m = d.talk_months[monthIndex]
  return { path: '/talks', query: { kind, ...scopeQuery(m.from, m.to, d.scope.unit_ids) } }
}

/** Letters of a kind signed in the period: all of them, or those 逾期未复 on the report's as-of date. */
export function lettersLink(d: Dashboard, kind: string, overdue: boolean): RouteLocationRaw {
  return { path: '/letters', query: { kind, ...(overdue ? { overdue: '1' } : {}), ...inScope(d) } }
}

/** Ratings of the period's years, of the rating clicked. */
export function ratingsLink(d: Dashboard, rating: string): RouteLocationRaw {
  return { path: '/assessments', query: { rating, ...inScope(d) } }
}

/** The item bar clicked (新增, 已销号, 整改中, 逾期): items from events of the period. */
const ITEM_STATUS: (string | null)[] = [null, '已销号', '整改中', '逾期']
export function itemsLink(d: Dashboard, index: number): RouteLocationRaw {
  const status = ITEM_STATUS[index] ?? null
  return { path: '/items', query: { ...(status ? { status } : {}), ...inScope(d) } }
}

/** Live risk points of a level, of the unit group (the period does not narrow a register). */
export function risksLink(d: Dashboard, level: string): RouteLocationRaw {
  return { path: '/risks', query: { level, ...inScope(d) } }
}

/** Live risk points of one unit, of the level clicked (if any). */
export function unitRisksLink(unitId: string, level: string | null): RouteLocationRaw {
  return { path: '/risks', query: level ? { unit: unitId, level } : { unit: unitId } }
}
