// The one door to the backend: every Tauri command as a typed function. No other file imports
// @tauri-apps/*, so views can be tested against a mocked copy of this module.

import { invoke } from '@tauri-apps/api/core'
import { save as saveDialog } from '@tauri-apps/plugin-dialog'

import type { AppInfo } from './bindings/AppInfo'
import type { AuditEntry } from './bindings/AuditEntry'
import type { Counts } from './bindings/Counts'
import type { DemoSummary } from './bindings/DemoSummary'
import type { ErrorPayload } from './bindings/ErrorPayload'
import type { Office } from './bindings/Office'
import type { Person } from './bindings/Person'
import type { PersonDetail } from './bindings/PersonDetail'
import type { PersonInput } from './bindings/PersonInput'
import type { PersonSearch } from './bindings/PersonSearch'
import type { Position } from './bindings/Position'
import type { PositionInput } from './bindings/PositionInput'
import type { Unit } from './bindings/Unit'
import type { UnitDetail } from './bindings/UnitDetail'
import type { UnitInput } from './bindings/UnitInput'
import type { UnitRow } from './bindings/UnitRow'

export type {
  AppInfo, AuditEntry, Counts, DemoSummary, ErrorPayload, Office, Person, PersonDetail, PersonInput,
  PersonSearch, Position, PositionInput, Unit, UnitDetail, UnitInput, UnitRow,
}
export type { Gender } from './bindings/Gender'
export type { PersonRow } from './bindings/PersonRow'
export type { PositionView } from './bindings/PositionView'
export type { UnitCategory } from './bindings/UnitCategory'
export type { UnitStatus } from './bindings/UnitStatus'

/** Turns whatever a command rejected with into `{code, message, field}`. */
export function toError(e: unknown): ErrorPayload {
  if (e && typeof e === 'object' && 'message' in e) {
    const o = e as { code?: unknown; message?: unknown; field?: unknown }
    return {
      code: typeof o.code === 'string' ? o.code : 'unknown',
      message: String(o.message ?? '未知错误'),
      field: typeof o.field === 'string' && o.field ? o.field : null,
    }
  }
  if (typeof e === 'string') return { code: 'unknown', message: e, field: null }
  return { code: 'unknown', message: '操作失败（未知错误）', field: null }
}

export const appInfo = () => invoke<AppInfo>('app_info')
export const counts = () => invoke<Counts>('counts')
export const officeGet = () => invoke<Office>('office_get')
export const officeSave = (office: Office) => invoke<Office>('office_save', { office })
export const demoLoad = () => invoke<DemoSummary>('demo_load')

/** `voided`: false lists the units in use, true lists only the voided ones. */
export const unitsList = (query: string, voided: boolean) => invoke<UnitRow[]>('units_list', { query, voided })
export const unitDetail = (id: string) => invoke<UnitDetail>('unit_detail', { id })
export const unitSave = (input: UnitInput) => invoke<Unit>('unit_save', { input })
export const unitVoid = (id: string, reason: string) => invoke<Unit>('unit_void', { id, reason })
export const unitRestore = (id: string) => invoke<Unit>('unit_restore', { id })

/** `voided`: false searches the people in use, true only the voided ones. */
export const peopleSearch = (query: string, voided: boolean) =>
  invoke<PersonSearch>('people_search', { query, voided })
export const personDetail = (id: string) => invoke<PersonDetail>('person_detail', { id })
export const personSave = (input: PersonInput) => invoke<Person>('person_save', { input })
export const personVoid = (id: string, reason: string) => invoke<Person>('person_void', { id, reason })
export const personRestore = (id: string) => invoke<Person>('person_restore', { id })

export const positionSave = (input: PositionInput) => invoke<Position>('position_save', { input })
export const positionVoid = (id: string, reason: string) => invoke<Position>('position_void', { id, reason })
export const positionRestore = (id: string) => invoke<Position>('position_restore', { id })
export const positionMakeHead = (id: string) => invoke<Position>('position_make_head', { id })

export type AuditEntity = 'unit' | 'person' | 'position'
export const auditTrail = (entity: AuditEntity, id: string) => invoke<AuditEntry[]>('audit_trail', { entity, id })

export const backupNow = () => invoke<string>('backup_now')
export const backupTo = (path: string) => invoke<string>('backup_to', { path })

/** Asks where to write a backup; null when the clerk cancels. */
export async function chooseBackupPath(defaultName: string): Promise<string | null> {
  const path = await saveDialog({
    title: '备份到…',
    defaultPath: defaultName,
    filters: [{ name: '监督台账备份', extensions: ['db', 'sqlite'] }],
  })
  return path ?? null
}
