// How talk and item states look across the pages.
import type { TalkState } from '../api'

export const TALK_STATE_TAG: Record<TalkState, 'info' | 'primary' | 'warning' | 'success'> = {
  计划: 'info',
  已谈话: 'primary',
  整改中: 'warning',
  已销号: 'success',
}

export const TALK_STATES: TalkState[] = ['计划', '已谈话', '整改中', '已销号']
