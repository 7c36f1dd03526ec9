// The one door to the backend: every Tauri command as a typed function. No other file imports
// @tauri-apps/*, so views can be tested against a mocked copy of this module.

import { invoke } from '@tauri-apps/api/core'
import { save as saveDialog, open as openDialog } from '@tauri-apps/plugin-dialog'

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
import type { CalendarYear } from './bindings/CalendarYear'
import type { CalendarYearView } from './bindings/CalendarYearView'
import type { Coverage } from './bindings/Coverage'
import type { DuePreview } from './bindings/DuePreview'
import type { ItemDetail } from './bindings/ItemDetail'
import type { ItemInput } from './bindings/ItemInput'
import type { ItemProgress } from './bindings/ItemProgress'
import type { ItemView } from './bindings/ItemView'
import type { PlanEntryInput } from './bindings/PlanEntryInput'
import type { PlanFill } from './bindings/PlanFill'
import type { RectificationItem } from './bindings/RectificationItem'
import type { Talk } from './bindings/Talk'
import type { TalkDetail } from './bindings/TalkDetail'
import type { TalkFilter } from './bindings/TalkFilter'
import type { TalkInput } from './bindings/TalkInput'
import type { TalkOptions } from './bindings/TalkOptions'
import type { TalkPlan } from './bindings/TalkPlan'
import type { TalkPlanEntry } from './bindings/TalkPlanEntry'
import type { TalkRow } from './bindings/TalkRow'
import type { Worklist } from './bindings/Worklist'
import type { BatchInput } from './bindings/BatchInput'
import type { FieldValue } from './bindings/FieldValue'
import type { Letter } from './bindings/Letter'
import type { LetterDetail } from './bindings/LetterDetail'
import type { LetterFilter } from './bindings/LetterFilter'
import type { LetterInput } from './bindings/LetterInput'
import type { LetterOptions } from './bindings/LetterOptions'
import type { LetterRow } from './bindings/LetterRow'
import type { LetterTemplate } from './bindings/LetterTemplate'
import type { NumberPreview } from './bindings/NumberPreview'
import type { RecipientChoice } from './bindings/RecipientChoice'
import type { RecipientPreset } from './bindings/RecipientPreset'
import type { SavedFiles } from './bindings/SavedFiles'
import type { TemplateInput } from './bindings/TemplateInput'
import type { FontReport } from './bindings/FontReport'
// ---- 考核
import type { Assessment } from './bindings/Assessment'
import type { AssessmentFilter } from './bindings/AssessmentFilter'
import type { AssessmentInput } from './bindings/AssessmentInput'
import type { AssessmentOptions } from './bindings/AssessmentOptions'
import type { AssessmentRow } from './bindings/AssessmentRow'
import type { SummonsDue } from './bindings/SummonsDue'
// ---- end 考核

export type {
  AppInfo, AuditEntry, Counts, DemoSummary, ErrorPayload, Office, Person, PersonDetail, PersonInput,
  PersonSearch, Position, PositionInput, Unit, UnitDetail, UnitInput, UnitRow,
  CalendarYear, CalendarYearView, Coverage, DuePreview, ItemDetail, ItemInput, ItemProgress, ItemView, PlanEntryInput, PlanFill, RectificationItem, Talk, TalkDetail, TalkFilter, TalkInput, TalkOptions, TalkPlan, TalkPlanEntry, TalkRow, Worklist,
}
export type {
  BatchInput, FieldValue, Letter, LetterDetail, LetterFilter, LetterInput, LetterOptions, LetterRow, LetterTemplate, NumberPreview,
  RecipientChoice, RecipientPreset, SavedFiles, TemplateInput, FontReport,
}
export type { RoleFont } from './bindings/RoleFont'
export type { LetterKind } from './bindings/LetterKind'
export type { LetterState } from './bindings/LetterState'
export type { LetterRecipient } from './bindings/LetterRecipient'
export type { DueItem } from './bindings/DueItem'
export type { HeadWithoutTalk } from './bindings/HeadWithoutTalk'
export type { ItemStatus } from './bindings/ItemStatus'
export type { OriginKind } from './bindings/OriginKind'
export type { PlanEntryView } from './bindings/PlanEntryView'
export type { PlannedTalkEntry } from './bindings/PlannedTalkEntry'
export type { TalkKind } from './bindings/TalkKind'
export type { TalkState } from './bindings/TalkState'
export type { TalkSubject } from './bindings/TalkSubject'
export type { TalkSubjectInput } from './bindings/TalkSubjectInput'
export type { WorkEntity } from './bindings/WorkEntity'
export type { YearFigures } from './bindings/YearFigures'
export type { Holiday } from './bindings/Holiday'
export type { Gender } from './bindings/Gender'
export type { PersonRow } from './bindings/PersonRow'
export type { PositionView } from './bindings/PositionView'
export type { UnitCategory } from './bindings/UnitCategory'
export type { UnitStatus } from './bindings/UnitStatus'

// -- sanctions (处分)
import type { SanctionInput } from './bindings/SanctionInput'
import type { SanctionOptions } from './bindings/SanctionOptions'
import type { SanctionView } from './bindings/SanctionView'
export type { SanctionInput, SanctionOptions, SanctionView }
export type { Sanction } from './bindings/Sanction'
export type { SanctionCategory } from './bindings/SanctionCategory'
export type { SanctionForm } from './bindings/SanctionForm'
export type { SanctionInEffect } from './bindings/SanctionInEffect'
export type { SanctionKindOption } from './bindings/SanctionKindOption'
export type { SanctionCategoryOption } from './bindings/SanctionCategoryOption'
// -- end sanctions
// ---- 考核
export type { Assessment, AssessmentFilter, AssessmentInput, AssessmentOptions, AssessmentRow, SummonsDue }
export type { LedUnitRating } from './bindings/LedUnitRating'
// ---- end 考核

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

export type AuditEntity = 'unit' | 'person' | 'position' | 'talk' | 'rectification_item' | 'talk_plan' | 'letter' | 'finding' | 'clue'
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

// ---- backups and restore
export type { BackupFile } from './bindings/BackupFile'
export type { BackupStatus } from './bindings/BackupStatus'
export type { BackupInspection } from './bindings/BackupInspection'
export type { Restored } from './bindings/Restored'
import type { BackupStatus } from './bindings/BackupStatus'
import type { BackupInspection } from './bindings/BackupInspection'
import type { Restored } from './bindings/Restored'
export const backupStatus = () => invoke<BackupStatus>('backup_status')
/** null: back to the default folder (the data folder's backups/). */
export const backupFolderSet = (folder: string | null) => invoke<BackupStatus>('backup_folder_set', { folder })
export const backupInspect = (path: string) => invoke<BackupInspection>('backup_inspect', { path })
export const backupRestore = (path: string) => invoke<Restored>('backup_restore', { path })
export const recoveryBackups = () => invoke<BackupInspection[]>('recovery_backups')
export const restoreDamaged = (path: string) => invoke<Restored>('restore_damaged', { path })

/** Asks for a backup file to restore; null when the clerk cancels. */
export async function chooseRestoreFile(defaultPath?: string): Promise<string | null> {
  const path = await openDialog({
    title: '从备份恢复',
    defaultPath,
    multiple: false,
    directory: false,
    filters: [{ name: '监督台账备份', extensions: ['db', 'sqlite'] }],
  })
  return typeof path === 'string' ? path : null
}
// ---- end backups and restore

// ---- 谈话、整改事项、谈话计划、工作台、工作日历 ----

export const talkOptions = () => invoke<TalkOptions>('talk_options')
export const talksList = (filter: TalkFilter) => invoke<TalkRow[]>('talks_list', { filter })
export const talkDetail = (id: string) => invoke<TalkDetail>('talk_detail', { id })
export const talkSave = (input: TalkInput) => invoke<TalkDetail>('talk_save', { input })
/** A planned talk took place on `date`: it moves to 已谈话. */
export const talkRecordHeld = (id: string, date: string) => invoke<TalkDetail>('talk_record_held', { id, date })
export const talkVoid = (id: string, reason: string) => invoke<Talk>('talk_void', { id, reason })
export const talkRestore = (id: string) => invoke<Talk>('talk_restore', { id })
export const talksOfPerson = (id: string) => invoke<TalkRow[]>('talks_of_person', { id })
export const talksOfUnit = (id: string) => invoke<TalkRow[]>('talks_of_unit', { id })

export const itemSave = (input: ItemInput) => invoke<ItemView>('item_save', { input })
export const itemDetail = (id: string) => invoke<ItemDetail>('item_detail', { id })
export const itemProgressAdd = (id: string, date: string, note: string) =>
  invoke<ItemProgress>('item_progress_add', { id, date, note })
export const itemClose = (id: string, date: string, evidence: string) => invoke<ItemView>('item_close', { id, date, evidence })
export const itemVoid = (id: string, reason: string) => invoke<RectificationItem>('item_void', { id, reason })
export const itemRestore = (id: string) => invoke<RectificationItem>('item_restore', { id })
/** The date N 工作日 after `from`, by the office's holiday calendar. */
export const duePreview = (from: string, workdays: number) => invoke<DuePreview>('due_preview', { from, workdays })

export const talkPlan = (year: number) => invoke<TalkPlan>('talk_plan', { year })
export const talkPlanFill = (year: number) => invoke<PlanFill>('talk_plan_fill', { year })
export const planEntrySave = (input: PlanEntryInput) => invoke<TalkPlanEntry>('plan_entry_save', { input })
/** Assigns several plan entries in one transaction: all are saved, or none (the error names whose). */
export const planEntriesAssign = (inputs: PlanEntryInput[]) => invoke<TalkPlanEntry[]>('plan_entries_assign', { inputs })
export const planEntryVoid = (id: string, reason: string) => invoke<TalkPlanEntry>('plan_entry_void', { id, reason })
export const planEntryRestore = (id: string) => invoke<TalkPlanEntry>('plan_entry_restore', { id })

export const worklist = () => invoke<Worklist>('worklist')

export const calendarYears = () => invoke<CalendarYearView[]>('calendar_years')
export const calendarYearSave = (input: CalendarYear) => invoke<CalendarYearView>('calendar_year_save', { input })

// ---- 函件：模板、起草、签发编号、送达与回复、PDF ----

export const letterOptions = () => invoke<LetterOptions>('letter_options')
export const templatesList = (voided: boolean) => invoke<LetterTemplate[]>('templates_list', { voided })
export const templateSave = (input: TemplateInput) => invoke<LetterTemplate>('template_save', { input })
export const templateVoid = (id: string, reason: string) => invoke<LetterTemplate>('template_void', { id, reason })
export const templateRestore = (id: string) => invoke<LetterTemplate>('template_restore', { id })
/** What each {字段} would be filled with for this recipient. */
export const letterFields = (unitId: string | null, personId: string | null) =>
  invoke<FieldValue[]>('letter_fields', { unitId, personId })
/** A draft from a template, its {字段} filled from the records of this recipient. */
export const letterFill = (templateId: string, unitId: string | null, personId: string | null) =>
  invoke<LetterInput>('letter_fill', { templateId, unitId, personId })
export const letterSave = (input: LetterInput) => invoke<LetterDetail>('letter_save', { input })
export const lettersList = (filter: LetterFilter) => invoke<LetterRow[]>('letters_list', { filter })
export const letterDetail = (id: string) => invoke<LetterDetail>('letter_detail', { id })
/** Signs a draft: the 文号 is assigned here, once. */
export const letterSign = (id: string, date: string) => invoke<LetterDetail>('letter_sign', { id, date })
/** The 文号 `count` letters signed on `date` would take (numbered in that date's year). */
export const letterNumberPreview = (date: string, count: number) => invoke<NumberPreview>('letter_number_preview', { date, count })
export const lettersSignBatch = (input: BatchInput) => invoke<Letter[]>('letters_sign_batch', { input })
export const letterDeliver = (id: string, date: string) => invoke<LetterDetail>('letter_deliver', { id, date })
export const letterReply = (id: string, date: string, replyNumber: string, summary: string) =>
  invoke<LetterDetail>('letter_reply', { id, date, replyNumber, summary })
export const letterClose = (id: string, date: string) => invoke<LetterDetail>('letter_close', { id, date })
export const letterVoid = (id: string, reason: string) => invoke<LetterDetail>('letter_void', { id, reason })
export const letterRestore = (id: string) => invoke<LetterDetail>('letter_restore', { id })
/** A 催办 draft pressing for the reply to this letter. */
export const letterFollowUp = (id: string) => invoke<LetterDetail>('letter_follow_up', { id })
export const letterRecipients = (preset: RecipientPreset) => invoke<RecipientChoice[]>('letter_recipients', { preset })
/** PDF bytes of saved letters, or of a draft as typed, for the preview. */
export const letterPdfPreview = (ids: string[] | null, input: LetterInput | null) =>
  invoke<ArrayBuffer>('letter_pdf_preview', { ids, input })
export const letterPdfSave = (ids: string[], path: string, oneFilePerLetter: boolean) =>
  invoke<SavedFiles>('letter_pdf_save', { ids, path, oneFilePerLetter })
export const talkRecordPdf = (talkId: string) => invoke<ArrayBuffer>('talk_record_pdf', { talkId })
export const talkRecordPdfSave = (talkId: string, path: string) => invoke<string>('talk_record_pdf_save', { talkId, path })
/** Which installed font serves each role of printed documents. */
export const fontsReport = () => invoke<FontReport>('fonts_report')
/** Opens a file the app wrote in the system viewer (to print from there). */
export const openPath = (path: string) => invoke<void>('open_path', { path })

// ---- 考核
export const assessmentOptions = () => invoke<AssessmentOptions>('assessment_options')
export const assessmentsList = (filter: AssessmentFilter) => invoke<AssessmentRow[]>('assessments_list', { filter })
export const assessmentSave = (input: AssessmentInput) => invoke<AssessmentRow>('assessment_save', { input })
export const assessmentVoid = (id: string, reason: string) => invoke<Assessment>('assessment_void', { id, reason })
export const assessmentRestore = (id: string) => invoke<Assessment>('assessment_restore', { id })
/** Saves the 考核等次 scale; an entry used by a live assessment cannot be removed. */
/** The built-in template 约谈后督办函（考核基本合格单位）. */
export const SUMMONS_LETTER_TEMPLATE = '2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a03'
// ---- end 考核

/** Asks where to save a PDF; null when the clerk cancels. */
export async function choosePdfPath(defaultName: string): Promise<string | null> {
  const path = await saveDialog({ title: '保存 PDF', defaultPath: defaultName, filters: [{ name: 'PDF 文件', extensions: ['pdf'] }] })
  return path ?? null
}

/** Asks for a folder (one PDF per letter); null when the clerk cancels. */
export async function chooseFolder(title: string): Promise<string | null> {
  const dir = await openDialog({ title, directory: true, multiple: false })
  return typeof dir === 'string' ? dir : null
}

// -- sanctions (处分)
/** Categories with their kinds (and which need a period entered), and the 四种形态. */
export const sanctionOptions = () => invoke<SanctionOptions>('sanction_options')
export const sanctionSave = (input: SanctionInput) => invoke<SanctionView>('sanction_save', { input })
export const sanctionVoid = (id: string, reason: string) => invoke<SanctionView>('sanction_void', { id, reason })
export const sanctionRestore = (id: string) => invoke<SanctionView>('sanction_restore', { id })
export const sanctionsOfPerson = (personId: string) => invoke<SanctionView[]>('sanctions_of_person', { personId })
// -- end sanctions

// ---- 家庭重大变动、听取汇报、警示教育
import type { FamilyChangeInput } from './bindings/FamilyChangeInput'
import type { FamilyChangeOptions } from './bindings/FamilyChangeOptions'
import type { FamilyChangeView } from './bindings/FamilyChangeView'
import type { HearingFilter } from './bindings/HearingFilter'
import type { HearingInput } from './bindings/HearingInput'
import type { HearingOptions } from './bindings/HearingOptions'
import type { HearingRow } from './bindings/HearingRow'
import type { EducationFilter } from './bindings/EducationFilter'
import type { EducationInput } from './bindings/EducationInput'
import type { EducationOptions } from './bindings/EducationOptions'
import type { EducationRow } from './bindings/EducationRow'
export type { FamilyChangeInput, FamilyChangeOptions, FamilyChangeView }
export type { HearingFilter, HearingInput, HearingOptions, HearingRow }
export type { EducationFilter, EducationInput, EducationOptions, EducationRow }
export type { FamilyChange } from './bindings/FamilyChange'
export type { Hearing } from './bindings/Hearing'
export type { Education } from './bindings/Education'
export type { EducationMember } from './bindings/EducationMember'

/** The kinds of 家庭重大变动, and the days within which one is to be reported. */
export const familyChangeOptions = () => invoke<FamilyChangeOptions>('family_change_options')
export const familyChangeSave = (input: FamilyChangeInput) => invoke<FamilyChangeView>('family_change_save', { input })
export const familyChangeVoid = (id: string, reason: string) => invoke<FamilyChangeView>('family_change_void', { id, reason })
export const familyChangeRestore = (id: string) => invoke<FamilyChangeView>('family_change_restore', { id })
export const familyChangesOfPerson = (personId: string) => invoke<FamilyChangeView[]>('family_changes_of_person', { personId })

export const hearingOptions = () => invoke<HearingOptions>('hearing_options')
export const hearingsList = (filter: HearingFilter) => invoke<HearingRow[]>('hearings_list', { filter })
export const hearingSave = (input: HearingInput) => invoke<HearingRow>('hearing_save', { input })
export const hearingVoid = (id: string, reason: string) => invoke<HearingRow>('hearing_void', { id, reason })
export const hearingRestore = (id: string) => invoke<HearingRow>('hearing_restore', { id })
export const hearingsOfUnit = (unitId: string) => invoke<HearingRow[]>('hearings_of_unit', { unitId })

export const educationOptions = () => invoke<EducationOptions>('education_options')
export const educationList = (filter: EducationFilter) => invoke<EducationRow[]>('education_list', { filter })
export const educationSave = (input: EducationInput) => invoke<EducationRow>('education_save', { input })
export const educationVoid = (id: string, reason: string) => invoke<EducationRow>('education_void', { id, reason })
export const educationRestore = (id: string) => invoke<EducationRow>('education_restore', { id })
export const educationOfUnit = (unitId: string) => invoke<EducationRow[]>('education_of_unit', { unitId })
// ---- end 家庭重大变动、听取汇报、警示教育
// ---- 廉政档案 (person file)
import type { PersonFile } from './bindings/PersonFile'
export type { PersonFile }
export type { FileSection } from './bindings/FileSection'
export type { TimelineEvent } from './bindings/TimelineEvent'
export type { RecordLink } from './bindings/RecordLink'
/** The person's 廉政档案 with its timeline; the opening is logged (查阅廉政档案). */
export const personFileOpen = (personId: string) => invoke<PersonFile>('person_file_open', { personId })
/** The printed 廉政档案 as PDF bytes for the preview. */
export const personFilePdf = (personId: string) => invoke<ArrayBuffer>('person_file_pdf', { personId })
/** Prints the 廉政档案 to `path` (logged as 打印廉政档案); returns the path written. */
export const personFilePdfSave = (personId: string, path: string) => invoke<string>('person_file_pdf_save', { personId, path })
// ---- end 廉政档案
// ---- risk points (廉政风险点) and the office's editable lists (字典)
import type { RiskFilter } from './bindings/RiskFilter'
import type { RiskOptions } from './bindings/RiskOptions'
import type { RiskPointInput } from './bindings/RiskPointInput'
import type { RiskPointView } from './bindings/RiskPointView'
import type { Dict } from './bindings/Dict'
import type { DictEntry } from './bindings/DictEntry'
export type { RiskFilter, RiskOptions, RiskPointInput, RiskPointView, Dict, DictEntry }
export type { RiskLevel } from './bindings/RiskLevel'
export type { RiskLevelOption } from './bindings/RiskLevelOption'
export type { RiskPoint } from './bindings/RiskPoint'
export type { RiskReviewDue } from './bindings/RiskReviewDue'
/** The levels with their colour names (the core's), and the active 风险类别. */
export const riskOptions = () => invoke<RiskOptions>('risk_options')
/** The county register: 高 first, then category, then unit. */
export const risksList = (filter: RiskFilter) => invoke<RiskPointView[]>('risks_list', { filter })
/** A unit's register, voided points last. */
export const risksOfUnit = (unitId: string) => invoke<RiskPointView[]>('risks_of_unit', { unitId })
export const riskSave = (input: RiskPointInput) => invoke<RiskPointView>('risk_save', { input })
export const riskVoid = (id: string, reason: string) => invoke<RiskPointView>('risk_void', { id, reason })
export const riskRestore = (id: string) => invoke<RiskPointView>('risk_restore', { id })
/** Every entry of an editable list, retired ones too, with how many live records use each. */
export const dictEntries = (dict: Dict) => invoke<DictEntry[]>('dict_entries', { dict })
/** Saves a list; an entry in use can be retired but not removed (the core refuses, naming one). */
export const dictSave = (dict: Dict, entries: DictEntry[]) => invoke<DictEntry[]>('dict_save', { dict, entries })
// ---- sanction kind display names
import type { SanctionKindName } from './bindings/SanctionKindName'
export type { SanctionKindName }
/** Every sanction kind with the office's display name ('' when shown as it is). */
export const sanctionKindNames = () => invoke<SanctionKindName[]>('sanction_kind_names')
export const sanctionKindNamesSave = (names: SanctionKindName[]) => invoke<SanctionKindName[]>('sanction_kind_names_save', { names })
// ---- end sanction kind display names
// ---- end risk points
// ---- findings and clues
import type { Clue } from './bindings/Clue'
import type { ClueDisposal } from './bindings/ClueDisposal'
import type { ClueFilter } from './bindings/ClueFilter'
import type { ClueInput } from './bindings/ClueInput'
import type { ClueLink } from './bindings/ClueLink'
import type { ClueOptions } from './bindings/ClueOptions'
import type { ClueRow } from './bindings/ClueRow'
import type { Finding } from './bindings/Finding'
import type { FindingDetail } from './bindings/FindingDetail'
import type { FindingFilter } from './bindings/FindingFilter'
import type { FindingInput } from './bindings/FindingInput'
import type { FindingOptions } from './bindings/FindingOptions'
import type { FindingRow } from './bindings/FindingRow'
import type { FindingStatus } from './bindings/FindingStatus'
import type { Seriousness } from './bindings/Seriousness'
export type { Clue, ClueDisposal, ClueFilter, ClueInput, ClueLink, ClueOptions, ClueRow }
export type { Finding, FindingDetail, FindingFilter, FindingInput, FindingOptions, FindingRow, FindingStatus, Seriousness }
/** Active sources and focus areas, 严重程度, statuses and the years with findings. */
export const findingOptions = () => invoke<FindingOptions>('finding_options')
export const findingsList = (filter: FindingFilter) => invoke<FindingRow[]>('findings_list', { filter })
export const findingDetail = (id: string) => invoke<FindingDetail>('finding_detail', { id })
export const findingSave = (input: FindingInput) => invoke<FindingRow>('finding_save', { input })
export const findingVoid = (id: string, reason: string) => invoke<FindingRow>('finding_void', { id, reason })
export const findingRestore = (id: string) => invoke<FindingRow>('finding_restore', { id })
/** Source suggestions, the four disposals, the years with clues and the talk's 谈话缘由. */
export const clueOptions = () => invoke<ClueOptions>('clue_options')
export const cluesList = (filter: ClueFilter) => invoke<ClueRow[]>('clues_list', { filter })
export const clueGet = (id: string) => invoke<ClueRow>('clue_get', { id })
export const clueSave = (input: ClueInput) => invoke<ClueRow>('clue_save', { input })
export const clueVoid = (id: string, reason: string) => invoke<ClueRow>('clue_void', { id, reason })
export const clueRestore = (id: string) => invoke<ClueRow>('clue_restore', { id })
// ---- end findings and clues

// ---- Excel out
/** Asks where to save a list as Excel; null when the clerk cancels. */
export async function chooseXlsxPath(defaultName: string): Promise<string | null> {
  const path = await saveDialog({ title: '导出 Excel', defaultPath: defaultName, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] })
  return path ?? null
}
/** Each list page's 导出 Excel: the page's filter and the chosen path; answers the path written. */
export const talksExportXlsx = (filter: TalkFilter, path: string) => invoke<string>('talks_export_xlsx', { filter, path })
export const lettersExportXlsx = (filter: LetterFilter, path: string) => invoke<string>('letters_export_xlsx', { filter, path })
export const assessmentsExportXlsx = (filter: AssessmentFilter, path: string) => invoke<string>('assessments_export_xlsx', { filter, path })
export const risksExportXlsx = (filter: RiskFilter, path: string) => invoke<string>('risks_export_xlsx', { filter, path })
export const findingsExportXlsx = (filter: FindingFilter, path: string) => invoke<string>('findings_export_xlsx', { filter, path })
export const cluesExportXlsx = (filter: ClueFilter, path: string) => invoke<string>('clues_export_xlsx', { filter, path })
/** The worklist's 7日内到期及逾期的整改事项, every one (the worklist shows the first ones). */
export const itemsDueExportXlsx = (path: string) => invoke<string>('items_due_export_xlsx', { path })
/** The people page's search, every match (the page shows the first ones). */
export const peopleExportXlsx = (query: string, withVoided: boolean, path: string) => invoke<string>('people_export_xlsx', { query, withVoided, path })
// ---- end Excel out

// ---- report
import type { Report } from './bindings/Report'
import type { ReportScope } from './bindings/ReportScope'
import type { ReportPeriod } from './bindings/ReportPeriod'
export type { Report, ReportScope, ReportPeriod }
export type { LabelCount } from './bindings/LabelCount'
export type { UnitAnnexRow } from './bindings/UnitAnnexRow'
/** The supervision report's figures for a period and units (None: every unit), computed by the core. */
export const reportGet = (scope: ReportScope) => invoke<Report>('report_get', { scope })
/** Writes the report as PDF at `path` (from `choosePdfPath`); answers the path written. */
export const reportPdf = (scope: ReportScope, path: string) => invoke<string>('report_pdf', { scope, path })
/** Writes the report as a workbook, one sheet per table, at `path` (from `chooseXlsxPath`). */
export const reportXlsx = (scope: ReportScope, path: string) => invoke<string>('report_xlsx', { scope, path })
// ---- end report
// ---- accounts
import type { Account } from './bindings/Account'
import type { AccountInput } from './bindings/AccountInput'
import type { AuthStatus } from './bindings/AuthStatus'
import type { PasswordInput } from './bindings/PasswordInput'
import type { Role } from './bindings/Role'
import type { Session } from './bindings/Session'
import type { SetupInput } from './bindings/SetupInput'
export type { Account, AccountInput, AuthStatus, PasswordInput, Role, Session, SetupInput }
/** 创建管理员, 登录, or signed in (with the idle time after which the window locks). */
export const authStatus = () => invoke<AuthStatus>('auth_status')
/** 创建管理员; encrypts the database and answers the recovery code, shown this once. */
export const authSetup = (input: SetupInput) => invoke<SetupDone>('auth_setup', { input })
export const authSignIn = (login: string, password: string) => invoke<Session>('auth_sign_in', { login, password })
/** Ends the session in the core too (sign-out, idle lock). */
export const authSignOut = () => invoke<null>('auth_sign_out')
export const accountsList = () => invoke<Account[]>('accounts_list')
export const accountSave = (input: AccountInput) => invoke<Account>('account_save', { input })
export const accountPassword = (input: PasswordInput) => invoke<Account>('account_password', { input })
export const idleMinutesSave = (minutes: number) => invoke<number>('idle_minutes_save', { minutes })
// ---- end accounts
// ---- encryption at rest
import type { RecoverInput } from './bindings/RecoverInput'
import type { SetupDone } from './bindings/SetupDone'
export type { RecoverInput, SetupDone }
/** 忘记密码: the recovery code opens the sealed database and sets the account's new password. */
export const authRecover = (input: RecoverInput) => invoke<Session>('auth_recover', { input })
/** The recovery code made when the database was converted, for an administrator to write down (else null). */
export const recoveryPending = () => invoke<string | null>('recovery_pending')
/** The administrator wrote the pending code down: the core deletes it. */
export const recoveryConfirm = () => invoke<null>('recovery_confirm')
// ---- end encryption at rest
// ---- audit log
import type { AuditChoice } from './bindings/AuditChoice'
import type { AuditFilter } from './bindings/AuditFilter'
import type { AuditOptions } from './bindings/AuditOptions'
import type { AuditPage } from './bindings/AuditPage'
import type { AuditRow } from './bindings/AuditRow'
import type { BrokenLink } from './bindings/BrokenLink'
import type { ChainStatus } from './bindings/ChainStatus'
import type { FieldChange } from './bindings/FieldChange'
export type { AuditChoice, AuditFilter, AuditOptions, AuditPage, AuditRow, BrokenLink, ChainStatus, FieldChange }
/** One page (0-based) of the 操作日志, newest first, with the filter's total. */
export const auditLogPage = (filter: AuditFilter, page: number, pageSize: number) =>
  invoke<AuditPage>('audit_log_page', { filter, page, pageSize })
export const auditLogOptions = () => invoke<AuditOptions>('audit_log_options')
/** Walks the log's hash chain: verified, or the first broken link. */
export const auditChainStatus = () => invoke<ChainStatus>('audit_chain_status')
export const auditLogExportXlsx = (filter: AuditFilter, path: string) => invoke<string>('audit_log_export_xlsx', { filter, path })
// ---- end audit log
// ---- dashboards
import type { RisksByUnit } from './bindings/RisksByUnit'
import type { UnitRisks } from './bindings/UnitRisks'
export type { RisksByUnit, UnitRisks }
/** The `top` units with the most live risk points in the report's scope, by level (统计 page). */
export const statsRisksByUnit = (scope: ReportScope, top: number) => invoke<RisksByUnit>('stats_risks_by_unit', { scope, top })
// ---- end dashboards
// ---- Excel in
import type { ImportKind } from './bindings/ImportKind'
import type { ImportPreview } from './bindings/ImportPreview'
import type { ImportResult } from './bindings/ImportResult'
export type { ImportKind, ImportPreview, ImportResult }
export type { ImportColumn } from './bindings/ImportColumn'
export type { ImportProblem } from './bindings/ImportProblem'
export type { ImportField } from './bindings/ImportField'
export type { ImportCounts } from './bindings/ImportCounts'
/** Asks which Excel/CSV file to import; null when the clerk cancels. */
export async function chooseImportFile(): Promise<string | null> {
  const path = await openDialog({
    title: '选择要导入的文件',
    multiple: false,
    directory: false,
    filters: [{ name: 'Excel 或 CSV 文件', extensions: ['xlsx', 'xls', 'csv'] }],
  })
  return typeof path === 'string' ? path : null
}
/** The file checked against the records, with the guessed (or given) column mapping; writes nothing. */
export const importPreview = (path: string, kind: ImportKind, mapping: (string | null)[] | null = null) =>
  invoke<ImportPreview>('import_preview', { path, kind, mapping })
/** Imports the file, all rows or none (a file with problems is refused). */
export const importApply = (path: string, kind: ImportKind, mapping: (string | null)[] | null = null) =>
  invoke<ImportResult>('import_apply', { path, kind, mapping })
// ---- end Excel in

// ---- drill-downs (issue 11)
import type { ItemFilter } from './bindings/ItemFilter'
import type { ItemListRow } from './bindings/ItemListRow'
import type { ItemListStatus } from './bindings/ItemListStatus'
import type { Dashboard } from './bindings/Dashboard'
import type { BarChart } from './bindings/BarChart'
import type { PieChart } from './bindings/PieChart'
import type { ChartSeries } from './bindings/ChartSeries'
export type { ItemFilter, ItemListRow, ItemListStatus, Dashboard, BarChart, PieChart, ChartSeries }
/** The 整改事项 list: status (overdue as the core counts it), unit, and a report's period and units. */
export const itemsList = (filter: ItemFilter) => invoke<ItemListRow[]>('items_list', { filter })
export const itemsExportXlsx = (filter: ItemFilter, path: string) => invoke<string>('items_export_xlsx', { filter, path })
/** The 统计 page's charts for a scope, shaped by the core (the page only draws them). */
export const statsDashboard = (scope: ReportScope, top: number) => invoke<Dashboard>('stats_dashboard', { scope, top })
// ---- end drill-downs
