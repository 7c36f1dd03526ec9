import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import LettersView from '../LettersView.vue'
import * as api from '../../../api'
import type { LetterRow } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

function row(over: Partial<LetterRow>): LetterRow {
  return {
    id: 'l-1', kind: '提醒函', number: '云纪函〔2026〕3号', year: 2026, seq: 3, title: '关于落实“两个责任”的提醒函',
    recipient: '城关镇党委书记吕强同志', unit_name: '云溪县城关镇', person_name: '吕强', state: '已送达',
    signed_date: '2026-01-05', delivered_date: '2026-01-05', reply_due_date: '2026-01-26', reply_due_workdays: 15,
    due_estimated: false, replied_date: null, closed_date: null, batch_id: null, follow_up_of: null, overdue: false,
    days_left: 5, voided: false, voided_at: null, void_reason: null, items: 0, open_items: 0, ...over,
  }
}

async function mountAt(path: string) {
  const router = testRouter()
  await router.push(path)
  const wrapper = mount(LettersView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  await settle()
  return { wrapper, router }
}

describe('函件台账', () => {
  beforeEach(() => {
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 3, today: '2026-03-16', is_empty: false,
    })
    vi.mocked(api.letterOptions).mockReset().mockResolvedValue({
      kinds: ['提醒函'], states: [], templates: [], presets: [], fields: [], agency_code: '云纪函', next_number: '云纪函〔2026〕8号',
    })
    vi.mocked(api.lettersList).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('says the list could not be read, instead of an empty table that reads as no letters', async () => {
    vi.mocked(api.lettersList).mockRejectedValue({ code: 'database', message: '数据库错误：database is locked', field: null })
    const { wrapper } = await mountAt('/letters')
    await flushPromises()
    expect(wrapper.find('[data-testid=letters-failure]').text()).toContain('数据库错误：database is locked')
  })

  it('lists this year\'s letters with state, reply window and 逾期未复, and opens one on click', async () => {
    vi.mocked(api.lettersList).mockResolvedValue([
      row({ id: 'l-3', overdue: true, days_left: -49 }),
      row({ id: 'l-2', number: '云纪函〔2026〕2号', state: '已回复', days_left: null, replied_date: '2026-01-05' }),
    ])
    const { wrapper, router } = await mountAt('/letters')
    expect(api.lettersList).toHaveBeenLastCalledWith(expect.objectContaining({ year: 2026, overdue_only: false, voided: false }))
    expect(wrapper.text()).toContain('下一文号：云纪函〔2026〕8号')
    const numbers = wrapper.findAll('[data-testid=letter-row-number]').map((e) => e.text())
    expect(numbers).toEqual(['云纪函〔2026〕3号', '云纪函〔2026〕2号'])
    expect(wrapper.findAll('[data-testid=letter-row-overdue]').map((e) => e.text())).toEqual(['逾期未复'])
    expect(wrapper.text()).toContain('逾期 49 天')
    await wrapper.findAll('.el-table__row')[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/letters/l-2')
  })

  it('from the worklist figure shows every overdue letter, whatever the year', async () => {
    vi.mocked(api.lettersList).mockResolvedValue([])
    await mountAt('/letters?overdue=1')
    expect(api.lettersList).toHaveBeenLastCalledWith(expect.objectContaining({ year: null, overdue_only: true }))
  })

  it('opened from a 统计 bar lists the letters of that year and kind; its 逾期未复 bar every overdue one of the kind', async () => {
    vi.mocked(api.lettersList).mockResolvedValue([])
    await mountAt('/letters?year=2025&kind=提醒函')
    expect(api.lettersList).toHaveBeenLastCalledWith(expect.objectContaining({ year: 2025, kind: '提醒函', overdue_only: false }))
    await mountAt('/letters?kind=提醒函&overdue=1')
    expect(api.lettersList).toHaveBeenLastCalledWith(expect.objectContaining({ year: null, kind: '提醒函', overdue_only: true }))
  })

  it('opened from the 统计 page lists the letters signed in its period to its units, and their 逾期未复', async () => {
    vi.mocked(api.lettersList).mockResolvedValue([])
    const scope = { period: { kind: 'range', from: '2026-04-01', to: '2026-06-30' }, unit_ids: ['u-3'] }
    await mountAt('/letters?kind=提醒函&from=2026-04-01&to=2026-06-30&units=u-3')
    expect(api.lettersList).toHaveBeenLastCalledWith(expect.objectContaining({ year: null, kind: '提醒函', overdue_only: false, scope }))
    await mountAt('/letters?kind=提醒函&overdue=1&from=2026-04-01&to=2026-06-30&units=u-3')
    expect(api.lettersList).toHaveBeenLastCalledWith(expect.objectContaining({ year: null, kind: '提醒函', overdue_only: true, scope }))
  })
})
