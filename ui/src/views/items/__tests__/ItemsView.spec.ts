import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ItemsView from '../ItemsView.vue'
import * as api from '../../../api'
import type { ItemListRow, UnitRow } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

/** As the core sends them: `overdue` is the core's (open and past due on the day counted). */
const rows: ItemListRow[] = [
  {
    id: 'i-1', origin_kind: '谈话', origin_id: 't-1', origin_date: '2026-03-02', problem: '“三重一大”事项未集体决策', responsible: '吕强',
    due_date: '2026-04-01', due_estimated: false, status: '整改中', closed_date: null, overdue: true, voided_at: null,
  },
  {
    id: 'i-2', origin_kind: '函件', origin_id: 'l-1', origin_date: '2026-02-10', problem: '公务接待超标准', responsible: '',
    due_date: '2026-03-20', due_estimated: true, status: '已销号', closed_date: '2026-03-15', overdue: false, voided_at: null,
  },
]
const units = [{ unit: { id: 'u-1', name: '云溪县城关镇' } }] as unknown as UnitRow[]

async function mountAt(path: string) {
  const router = testRouter()
  await router.push(path)
  const wrapper = mount(ItemsView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  await settle()
  return { wrapper, router }
}

describe('整改事项 page', () => {
  beforeEach(() => {
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 8, today: '2026-12-03', is_empty: false,
    })
    vi.mocked(api.unitsList).mockReset().mockResolvedValue(units)
    vi.mocked(api.itemsList).mockReset().mockResolvedValue(rows)
    vi.mocked(api.chooseXlsxPath).mockReset()
    vi.mocked(api.itemsExportXlsx).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists every live item, marks the ones the core says are overdue, and opens one on click', async () => {
    const { wrapper, router } = await mountAt('/items')
    expect(api.itemsList).toHaveBeenCalledTimes(1)
    expect(api.itemsList).toHaveBeenLastCalledWith({ voided: false })
    const table = wrapper.find('[data-testid=items-table]')
    expect(table.text()).toContain('“三重一大”事项未集体决策')
    expect(table.text()).toContain('未定责任人')
    expect(wrapper.findAll('[data-testid=item-row-overdue]')).toHaveLength(1)
    expect(wrapper.find('[data-testid=items-count]').text()).toBe('共 2 项')
    await wrapper.findAll('[data-testid=item-row-problem]')[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/items/i-2')
  })

  it('filters by status, unit and year: the year is sent as a period the core resolves', async () => {
    const { wrapper } = await mountAt('/items')
    const select = (id: string) => wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === id)!
    select('items-filter-status').vm.$emit('update:modelValue', '逾期')
    select('items-filter-unit').vm.$emit('update:modelValue', 'u-1')
    select('items-filter-year').vm.$emit('update:modelValue', 2025)
    await settle()
    expect(api.itemsList).toHaveBeenLastCalledWith({ status: '逾期', unit_id: 'u-1', voided: false, scope: { period: { kind: 'year', year: 2025 }, unit_ids: null } })
  })

  it('opened from a 统计 bar lists the items of its period and unit group, and exports the same list', async () => {
    vi.mocked(api.chooseXlsxPath).mockResolvedValue('/tmp/整改事项.xlsx')
    vi.mocked(api.itemsExportXlsx).mockImplementation(async (_f, p) => p)
    const { wrapper } = await mountAt('/items?status=逾期&from=2026-01-01&to=2026-12-31&units=u-1,u-2')
    const filter = { status: '逾期', voided: false, scope: { period: { kind: 'range', from: '2026-01-01', to: '2026-12-31' }, unit_ids: ['u-1', 'u-2'] } }
    expect(api.itemsList).toHaveBeenCalledTimes(1)
    expect(api.itemsList).toHaveBeenLastCalledWith(filter)
    expect(wrapper.find('[data-testid=items-drill-scope]').text()).toContain('2026-01-01 至 2026-12-31，2 个单位')
    await wrapper.find('[data-testid=items-export]').trigger('click')
    await settle()
    expect(api.itemsExportXlsx).toHaveBeenCalledWith(filter, '/tmp/整改事项.xlsx')
  })

  it('says the list could not be read instead of showing an empty table', async () => {
    vi.mocked(api.itemsList).mockRejectedValue({ code: 'database', message: '数据库读取失败' })
    const { wrapper } = await mountAt('/items')
    expect(wrapper.find('[data-testid=items-failure]').text()).toContain('数据库读取失败')
  })
})
