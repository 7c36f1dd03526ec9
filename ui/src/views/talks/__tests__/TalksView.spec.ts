import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import TalksView from '../TalksView.vue'
import * as api from '../../../api'
import type { TalkRow, UnitRow } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const talk: TalkRow = {
  id: 't-1', kind: '监督谈话', state: '已谈话', date: '2026-03-02', subjects: '吕强', units: '城关镇',
  conductor: '周敏', open_items: 1, overdue_items: 0, voided_at: null,
}
const units = [{ unit: { id: 'u-1', name: '云溪县城关镇' } }] as unknown as UnitRow[]

async function mountView() {
  const router = testRouter()
  await router.push('/talks')
  const wrapper = mount(TalksView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  await settle()
  return wrapper
}

const exportButton = (w: VueWrapper) => w.find('[data-testid=talks-export]')
const messages = () => [...document.body.querySelectorAll('.el-message')].map((m) => m.textContent ?? '')

describe('谈话台账 导出 Excel', () => {
  beforeEach(() => {
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 5, today: '2026-12-03', is_empty: false,
    })
    vi.mocked(api.talkOptions).mockReset().mockResolvedValue({ kinds: ['监督谈话', '约谈'], focus_areas: [], sources: [] })
    vi.mocked(api.unitsList).mockReset().mockResolvedValue(units)
    vi.mocked(api.talksList).mockReset().mockResolvedValue([talk])
    vi.mocked(api.peopleSearch).mockReset().mockResolvedValue({ rows: [], total: 0 })
    vi.mocked(api.chooseXlsxPath).mockReset()
    vi.mocked(api.talksExportXlsx).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('exports with the filter the table was read with and names the file written', async () => {
    vi.mocked(api.chooseXlsxPath).mockResolvedValue('D:\\台账\\谈话台账-2026-12-03.xlsx')
    vi.mocked(api.talksExportXlsx).mockImplementation(async (_f, path) => path)
    const w = await mountView()
    const listed = vi.mocked(api.talksList).mock.calls.at(-1)![0]
    expect(listed.year).toBe(2026)

    await exportButton(w).trigger('click')
    await settle()

    const suggested = vi.mocked(api.chooseXlsxPath).mock.calls[0][0]
    expect(suggested).toMatch(/^谈话台账-\d{4}-\d{2}-\d{2}\.xlsx$/)
    expect(api.talksExportXlsx).toHaveBeenCalledWith(listed, 'D:\\台账\\谈话台账-2026-12-03.xlsx')
    expect(messages().join()).toContain('已导出 谈话台账-2026-12-03.xlsx')
  })

  it('writes nothing when the clerk cancels the save dialog', async () => {
    vi.mocked(api.chooseXlsxPath).mockResolvedValue(null)
    const w = await mountView()
    await exportButton(w).trigger('click')
    await settle()
    expect(api.talksExportXlsx).not.toHaveBeenCalled()
    expect(messages()).toEqual([])
  })

  it('shows the core refusal when the file cannot be written', async () => {
    const refusal = coreError('xlsx_export_not_xlsx')
    vi.mocked(api.chooseXlsxPath).mockResolvedValue('/home/u/谈话台账.xls')
    vi.mocked(api.talksExportXlsx).mockRejectedValue(refusal)
    const w = await mountView()
    await exportButton(w).trigger('click')
    await settle()
    expect(messages().join()).toContain(refusal.message)
    expect(messages().join()).not.toContain('已导出')
  })

  it('opened from a 统计 bar lists that year\'s talks of the kind, in the one unit chosen there', async () => {
    const router = testRouter()
    await router.push('/talks?year=2025&kind=约谈&unit=u-9')
    mount(TalksView, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    await settle()
    expect(api.talksList).toHaveBeenLastCalledWith(expect.objectContaining({ year: 2025, kind: '约谈', unit_id: 'u-9' }))
  })

  it('opened from a month\'s bar of the 统计 page lists that month\'s talks of the kind, of the unit group, as the core counted them', async () => {
    const router = testRouter()
    await router.push('/talks?kind=约谈&from=2026-03-01&to=2026-03-31&units=u-1,u-2')
    const w = mount(TalksView, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    await settle()
    const scope = { period: { kind: 'range', from: '2026-03-01', to: '2026-03-31' }, unit_ids: ['u-1', 'u-2'] }
    expect(api.talksList).toHaveBeenLastCalledWith(expect.objectContaining({ year: null, kind: '约谈', scope }))
    expect(w.find('[data-testid=talk-drill-scope]').text()).toContain('2026-03-01 至 2026-03-31，2 个单位')
    // Closing the tag shows the whole list again.
    await w.find('[data-testid=talk-drill-scope] .el-tag__close').trigger('click')
    await settle()
    expect(vi.mocked(api.talksList).mock.calls.at(-1)![0].scope).toBeUndefined()
  })
})
