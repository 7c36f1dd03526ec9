// How letter states look across the pages, and the words for a reply window.
import type { LetterState, LetterRow } from '../api'

export const LETTER_STATE_TAG: Record<LetterState, 'info' | 'primary' | 'warning' | 'success'> = {
  草稿: 'info',
  已签发: 'primary',
  已送达: 'warning',
  已回复: 'success',
  已销号: 'success',
}

export const LETTER_STATES: LetterState[] = ['草稿', '已签发', '已送达', '已回复', '已销号']

/** The reply window as a clerk says it: a date, “送达后N个工作日”, or 不要求回复. */
export function replyDue(r: Pick<LetterRow, 'reply_due_date' | 'reply_due_workdays' | 'due_estimated'>): string {
  if (r.reply_due_date) return r.reply_due_date + (r.due_estimated ? '（估算）' : '')
  if (r.reply_due_workdays) return `送达后 ${r.reply_due_workdays} 个工作日`
  return '不要求回复'
}

/** “还有 3 天”, “今天到期”, “逾期 2 天” — only while a reply is awaited. */
export function daysText(days: number | null): string {
  if (days === null) return ''
  if (days > 0) return `还有 ${days} 天`
  if (days === 0) return '今天到期'
  return `逾期 ${-days} 天`
}
