// Where 登记谈话函询 on a clue leads: the talk form at /talks/new with kind 谈话函询, the clue's
// person (or, for a clue about a unit only, its 一把手) as subject, the 谈话缘由 the core gives (问题线索处置) and the clue to link.
import type { RouteLocationRaw } from 'vue-router'
import type { ClueRow } from '../api'

export function inquiryTalkRoute(row: ClueRow, talkSource: string): RouteLocationRaw {
  const query: Record<string, string> = { kind: '谈话函询', source: talkSource, clue: row.clue.id }
  // A clue about a unit only puts the unit's 一把手 in as the subject.
  if (row.clue.person_id) query.person = row.clue.person_id
  else if (row.clue.unit_id) query.unit = row.clue.unit_id
  return { path: '/talks/new', query }
}
