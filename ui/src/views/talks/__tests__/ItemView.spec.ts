import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ItemView from '../ItemView.vue'
import * as api from '../../../api'
import type { ItemDetail } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }

function detail(): ItemDetail {
  return {
    view: {
      item: {
        id: 'i-1', origin_kind: '谈话', origin_id: 't-1', origin_date: '2026-04-30', problem: '“三重一大”会议记录不全', measure: '',
        responsible_person_id: null, responsible_unit_id: null, due_workdays: 10, due_date: '2026-05-15', due_estimated: false,
        status: '整改中', closed_date: null, evidence: '', meta,
      },
      responsible: '钟家乐', overdue: false, days_left: 5,
    },
    progress: [],
  } as ItemDetail
}

async function mountItem() {
  const router = testRouter()
  await router.push('/items/i-1')
  const wrapper = mount(ItemView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const errorUnder = (testid: string) =>
  document.querySelector(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

describe('整改事项页', () => {
  beforeEach(() => {
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 3, today: '2026-05-20', is_empty: false,
    })
    vi.mocked(api.itemDetail).mockReset().mockResolvedValue(detail())
    vi.mocked(api.itemClose).mockReset()
    vi.mocked(api.itemProgressAdd).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('a refused 销号 shows each reason under its field, as the core names them', async () => {
    const wrapper = await mountItem()
    for (const [name, testid] of [
      ['item_close_before_origin', 'item-page-close-date'],
      ['item_close_no_evidence', 'item-page-close-evidence'],
    ] as const) {
      const refusal = coreError(name)
      vi.mocked(api.itemClose).mockRejectedValue(refusal)
      await wrapper.find('[data-testid=item-page-close]').trigger('click')
      await settle()
      expect(errorUnder(testid), name).toContain(refusal.message)
    }
  })

  it('a refused progress note shows the reason under its field', async () => {
    const wrapper = await mountItem()
    for (const [name, testid] of [
      ['item_progress_future_date', 'item-note-date'],
      ['item_progress_empty_note', 'item-note'],
    ] as const) {
      const refusal = coreError(name)
      vi.mocked(api.itemProgressAdd).mockRejectedValue(refusal)
      await wrapper.find('[data-testid=item-note-save]').trigger('click')
      await settle()
      expect(errorUnder(testid), name).toContain(refusal.message)
    }
  })

  it('a page that cannot be read says why and stays said', async () => {
    vi.mocked(api.itemDetail).mockRejectedValue({ code: 'not_found', message: '整改事项不存在', field: null })
    const wrapper = await mountItem()
    await settle()
    expect(wrapper.find('[data-testid=item-page-failure]').text()).toContain('整改事项不存在')
  })
  // ---- findings and clues
  it('names a finding as the origin and links its page', async () => {
    const d = detail()
    d.view.item = { ...d.view.item, origin_kind: '监督发现问题', origin_id: 'f-3', origin_date: '2026-04-02' }
    vi.mocked(api.itemDetail).mockResolvedValue(d)
    const wrapper = await mountItem()
    const origin = wrapper.find('[data-testid=item-origin]')
    expect(origin.text()).toBe('监督发现问题（2026-04-02）')
    expect(origin.attributes('href')).toContain('/findings/f-3')
  })
  // ---- end findings and clues
})
