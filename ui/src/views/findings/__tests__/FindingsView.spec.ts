import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import FindingsView from '../FindingsView.vue'
import FindingForm from '../FindingForm.vue'
import FindingView from '../FindingView.vue'
import PersonFindings from '../../../components/PersonFindings.vue'
import * as api from '../../../api'
import type { FindingDetail, FindingOptions, FindingRow, ItemView, UnitRow } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }
const options: FindingOptions = {
  sources: ['日常监督', '专项检查', '巡视巡察', '审计'], focus_areas: ['规范行使权力', '选人用人'],
  seriousness: ['一般', '较重', '严重'], statuses: ['整改中', '已整改', '无整改事项'], years: [2026, 2025],
}
const row = (id: string, extra: Partial<FindingRow> = {}, finding: Partial<FindingRow['finding']> = {}): FindingRow => ({
  finding: {
    id, source: '巡视巡察', focus_area: '规范行使权力', person_id: 'p-1', unit_id: 'u-1', found_date: '2026-01-12',
    description: '工程项目变更未经集体研究', seriousness: '较重', meta, ...finding,
  },
  person_name: '冉志坚', unit_name: '云溪县住房和城乡建设局', status: '整改中', items_total: 2, open_items: 1, overdue_items: 1, ...extra,
})
const item = (id: string, status: '整改中' | '已销号', overdue: boolean): ItemView => ({
  item: {
    id, origin_kind: '监督发现问题', origin_id: 'f-1', origin_date: '2026-01-12', problem: `问题${id}`, measure: '', responsible_person_id: 'p-1',
    responsible_unit_id: null, due_workdays: 10, due_date: '2026-01-26', due_estimated: false, status, closed_date: status === '已销号' ? '2026-01-20' : null,
    evidence: '', meta,
  },
  responsible: '冉志坚', overdue, days_left: status === '已销号' ? null : overdue ? -40 : 3,
})
const units = [{ unit: { id: 'u-1', name: '云溪县住房和城乡建设局' } }] as unknown as UnitRow[]

/** Chooses `value` in the el-select carrying data-testid `testid`, as a click on its option would. */
const pick = (w: VueWrapper, testid: string, value: string) =>
  w.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === testid || c.element.closest(`[data-testid=${testid}]`))!.vm.$emit('update:modelValue', value)
const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const errorUnder = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

async function mountAt(path: string, component: typeof FindingsView | typeof FindingView) {
  const router = testRouter()
  await router.push(path)
  const wrapper = mount(component, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

describe('监督发现问题', () => {
  beforeEach(() => {
    vi.mocked(api.findingOptions).mockReset().mockResolvedValue(options)
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 5, today: '2026-03-10', is_empty: false,
    })
    vi.mocked(api.findingsList).mockReset().mockResolvedValue([
      row('f-1'),
      row('f-2', { status: '已整改', open_items: 0, overdue_items: 0 }, { source: '审计', seriousness: '严重' }),
      row('f-3', { status: '无整改事项', items_total: 0, open_items: 0, overdue_items: 0 }, { person_id: null }),
    ])
    vi.mocked(api.findingSave).mockReset()
    vi.mocked(api.unitsList).mockReset().mockResolvedValue(units)
    vi.mocked(api.peopleSearch).mockReset().mockResolvedValue({ rows: [], total: 0 })
    vi.mocked(api.auditTrail).mockReset().mockResolvedValue([])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists findings with the core\'s status and overdue count, and filters by status', async () => {
    const { wrapper } = await mountAt('/findings', FindingsView)
    expect(api.findingsList).toHaveBeenCalledWith({ year: null, source: null, unit_id: null, person_id: null, status: null, voided: false })
    expect(wrapper.findAll('[data-testid=finding-status]').map((s) => s.text())).toEqual(['整改中', '已整改', '无整改事项'])
    expect(wrapper.find('[data-testid=finding-overdue]').text()).toBe('逾期 1 项')
    expect(wrapper.find('[data-testid=finding-link]').attributes('href')).toContain('/findings/f-1')

    pick(wrapper, 'finding-filter-status', '整改中')
    await flushPromises()
    expect(api.findingsList).toHaveBeenLastCalledWith({ year: null, source: null, unit_id: null, person_id: null, status: '整改中', voided: false })
  })

  it('puts the core\'s refusal of a finding about nobody under 涉及干部 and stays open', async () => {
    const refusal = coreError('finding_no_subject')
    vi.mocked(api.findingSave).mockRejectedValue(refusal)
    const wrapper = mount(FindingForm, { props: { modelValue: true, options, today: '2026-03-10', row: row('f-1') }, attachTo: document.body })
    await flushPromises()
    $('[data-testid=finding-form-save]')!.click()
    await settle()
    expect(api.findingSave).toHaveBeenCalledWith(expect.objectContaining({ id: 'f-1', source: '巡视巡察', found_date: '2026-01-12', seriousness: '较重' }))
    expect(errorUnder('finding-form-person')).toContain(refusal.message)
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('puts the core\'s refusals of the date and the source under their fields', async () => {
    for (const [name, testid] of [['finding_future_date', 'finding-form-date'], ['finding_unknown_source', 'finding-form-source'], ['finding_empty_description', 'finding-form-description']]) {
      const refusal = coreError(name)
      vi.mocked(api.findingSave).mockReset().mockRejectedValue(refusal)
      const wrapper = mount(FindingForm, { props: { modelValue: true, options, today: '2026-03-10', row: row('f-1') }, attachTo: document.body })
      await flushPromises()
      $('[data-testid=finding-form-save]')!.click()
      await settle()
      expect(errorUnder(testid)).toContain(refusal.message)
      wrapper.unmount()
      document.body.innerHTML = ''
    }
  })

  it('keeps a retired source selectable on the finding that has it, marked 已停用', async () => {
    mount(FindingForm, { props: { modelValue: true, options, today: '2026-03-10', row: row('f-9', {}, { source: '舆论监督' }) }, attachTo: document.body })
    await flushPromises()
    const select = $('[data-testid=finding-form-source]')!
    expect(select.textContent).toContain('舆论监督（已停用）')
  })

  it('shows a finding\'s items from the core, overdue and closed, and says why it cannot be voided', async () => {
    const detail: FindingDetail = { row: row('f-1'), items: [item('i-1', '整改中', true), item('i-2', '已销号', false)] }
    vi.mocked(api.findingDetail).mockReset().mockResolvedValue(detail)
    vi.mocked(api.findingVoid).mockReset().mockRejectedValue(coreError('finding_void_with_items'))
    const { wrapper } = await mountAt('/findings/f-1', FindingView)
    expect(wrapper.find('[data-testid=finding-page-status]').text()).toBe('整改中')
    expect(wrapper.findAll('[data-testid=item-status]').map((s) => s.text())).toEqual(['逾期', '已销号'])
    expect(wrapper.find('[data-testid=item-problem]').attributes('href')).toContain('/items/i-1')
    expect(wrapper.find('[data-testid=finding-person]').attributes('href')).toContain('/people/p-1')

    await wrapper.find('[data-testid=finding-page-void]').trigger('click')
    await flushPromises()
    const reason = document.body.querySelector('[data-testid=void-reason] textarea, [data-testid=void-reason] input') as HTMLInputElement | null
    expect(reason).not.toBeNull()
    reason!.value = '录入错误'
    reason!.dispatchEvent(new Event('input'))
    ;(document.body.querySelector('[data-testid=void-confirm]') as HTMLElement).click()
    await settle()
    expect(document.body.textContent).toContain(coreError('finding_void_with_items').message)
  })

  it('adds an item to the finding through the item form, counting 工作日 from the found date', async () => {
    const detail: FindingDetail = { row: row('f-1', { status: '无整改事项', items_total: 0, open_items: 0, overdue_items: 0 }), items: [] }
    vi.mocked(api.findingDetail).mockReset().mockResolvedValue(detail)
    vi.mocked(api.duePreview).mockReset().mockResolvedValue({ date: '2026-01-26', estimated: false } as Awaited<ReturnType<typeof api.duePreview>>)
    vi.mocked(api.itemSave).mockReset().mockRejectedValue(coreError('finding_item_due_before_found'))
    const { wrapper } = await mountAt('/findings/f-1', FindingView)
    await wrapper.find('[data-testid=item-new]').trigger('click')
    await flushPromises()
    expect(api.duePreview).toHaveBeenCalledWith('2026-01-12', 10)
    const problem = document.body.querySelector('[data-testid=item-form-problem] textarea, [data-testid=item-form-problem] input') as HTMLInputElement
    problem.value = '补充集体决策程序'
    problem.dispatchEvent(new Event('input'))
    ;(document.body.querySelector('[data-testid=item-form-save]') as HTMLElement).click()
    await settle()
    expect(api.itemSave).toHaveBeenCalledWith(expect.objectContaining({ origin_kind: '监督发现问题', origin_id: 'f-1', due_workdays: 10 }))
    // The core's refusal stays in the open item form.
    expect(document.body.querySelector('[data-testid=item-form]')!.closest('.el-dialog')!.textContent).toContain(coreError('finding_item_due_before_found').message)
  })
  it('on the person page lists the person\'s findings with the core\'s status, and adds one about the person', async () => {
    const router = testRouter()
    await router.push('/people/p-1')
    vi.mocked(api.findingSave).mockRejectedValue(coreError('finding_future_date'))
    const wrapper = mount(PersonFindings, {
      props: { personId: 'p-1', personName: '冉志坚', findings: [row('f-1'), row('f-2', { status: '已整改', open_items: 0, overdue_items: 0 })] },
      global: { plugins: [router] },
      attachTo: document.body,
    })
    await flushPromises()
    expect(wrapper.findAll('[data-testid=person-finding-status]').map((s) => s.text())).toEqual(['整改中', '已整改'])
    expect(wrapper.find('[data-testid=person-finding-link]').attributes('href')).toContain('/findings/f-1')
    await wrapper.find('[data-testid=person-finding-new]').trigger('click')
    await flushPromises()
    const description = document.body.querySelector('[data-testid=finding-form-description] textarea') as HTMLTextAreaElement
    description.value = '个人有关事项漏报'
    description.dispatchEvent(new Event('input'))
    const source = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.element.closest('[data-testid=finding-form-source]'))
    ;(source ?? wrapper.findComponent(FindingForm).findAllComponents({ name: 'ElSelect' })[0]).vm.$emit('update:modelValue', '日常监督')
    await flushPromises()
    ;(document.body.querySelector('[data-testid=finding-form-save]') as HTMLElement).click()
    await settle()
    expect(api.findingSave).toHaveBeenCalledWith(expect.objectContaining({ person_id: 'p-1', source: '日常监督', found_date: '2026-03-10' }))
    expect(errorUnder('finding-form-date')).toContain(coreError('finding_future_date').message)
  })
})
