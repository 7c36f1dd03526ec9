import type { RecordMeta } from '../../../api/bindings/RecordMeta'
export type { PositionView, UnitDetail } from '../../../api'
export type RecordMetaLike = RecordMeta

export function meta(over: Partial<RecordMeta> = {}): RecordMeta {
  return {
    created_at: '2025-01-01 08:00:00', created_by: '示范数据', updated_at: '2025-01-01 08:00:00', updated_by: '示范数据',
    voided_at: null, void_reason: null, ...over,
  }
}
