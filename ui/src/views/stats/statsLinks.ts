// Where a click on a chart element leads: the list page that holds the records behind it, with
// its filter set from the route query. Each list filters by what it can: the query says no more
// than the page can show (a month, a unit group of several units, a rating are not list filters).
import type { RouteLocationRaw } from 'vue-router'
import type { ReportScope } from '../../api'

/** The one unit chosen, when exactly one is: the lists filter by one unit, not by a group. */
function oneUnit(scope: ReportScope): Record<string, string> {
  return scope.unit_ids && scope.unit_ids.length === 1 ? { unit: scope.unit_ids[0] } : {}
}

/** The year the period ends in: the lists filter by year. */
const yearOf = (scope: ReportScope) => scope.to.slice(0, 4)

/** Talks of a kind in the year of the month clicked (`YYYY-MM`). */
export function talksLink(scope: ReportScope, month: string, kind: string): RouteLocationRaw {
  return { path: '/talks', query: { year: month.slice(0, 4), kind, ...oneUnit(scope) } }
}

/** Letters of a kind: its 逾期未复 ones, or those signed in the period's year. */
export function lettersLink(scope: ReportScope, kind: string, overdue: boolean): RouteLocationRaw {
  return overdue
    ? { path: '/letters', query: { kind, overdue: '1' } }
    : { path: '/letters', query: { year: yearOf(scope), kind } }
}

/** Ratings of the period's year. */
export function ratingsLink(scope: ReportScope): RouteLocationRaw {
  return { path: '/assessments', query: { year: yearOf(scope) } }
}

/** Live risk points of a level. */
export function risksLink(scope: ReportScope, level: string): RouteLocationRaw {
  return { path: '/risks', query: { level, ...oneUnit(scope) } }
}

/** Live risk points of one unit, of the level clicked (if any). */
export function unitRisksLink(unitId: string, level: string | null): RouteLocationRaw {
  return { path: '/risks', query: level ? { unit: unitId, level } : { unit: unitId } }
}
