import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import PlanView from '../PlanView.vue'
import * as api from '../../../api'
import type { PlanEntryView, TalkPlan } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }

function entry(id: string, name: string, over: Partial<PlanEntryView['entry']> = {}, view: Partial<PlanEntryView> = {}): PlanEntryView {
  return {
    entry: {
      id, year: 2026, person_id: `p-${id}`, unit_id: `u-${id}`, title: '局长', conductor_person_id: null, conductor_role: '',
      planned_month: null, meta, ...over,
    },
    person_name: name, unit_name: `${name}所在局`, conductor: '', talk_id: null, talk_date: null, assigned: false, late: false, ...view,
  }
}

function plan(entries: PlanEntryView[], covered: number, percent: number | null): TalkPlan {
  return { year: 2026, entries, coverage: { year: 2026, in_scope: entries.length, covered, percent } }
}

// 杨超: planned for March, not talked; the core says March is past.
const yang = () => entry('e1', '杨超', { planned_month: 3 }, { late: true })
const han = () => entry('e2', '韩波', { conductor_role: '县委副书记', planned_month: 2 }, {
  conductor: '县委副书记', talk_id: 't-7', talk_date: '2026-02-11', assigned: true,
})

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const rows = (w: VueWrapper) => w.findAll('[data-testid=plan-row]').map((r) => r.text())
const dialogItem = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item') as HTMLElement

async function mountPlan() {
  const router = testRouter()
  await router.push('/plan')
  const wrapper = mount(PlanView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

describe('年度谈话计划', () => {
  beforeEach(() => {
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 2, today: '2026-04-15', is_empty: false,
    })
    vi.mocked(api.talkPlan).mockReset().mockResolvedValue(plan([yang(), han()], 1, 50))
    vi.mocked(api.talkPlanFill).mockReset()
    vi.mocked(api.planEntrySave).mockReset()
    vi.mocked(api.planEntriesAssign).mockReset()
    vi.mocked(api.planEntryVoid).mockReset()
    vi.mocked(api.peopleSearch).mockReset().mockResolvedValue({
      rows: [{ id: 'p-9', name: '周建国', gender: null, birth_date: null, current_titles: '县委 书记', is_head: true, voided_at: null, sanction_until: null, sanction_flag: null }],
      total: 1,
    })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('opens on this year by the app clock and shows coverage, who is talked to and when', async () => {
    const { wrapper } = await mountPlan()
    expect(api.talkPlan).toHaveBeenCalledWith(2026)
    expect(wrapper.find('[data-testid=plan-year]').text() + ($('[data-testid=plan-year] input') as HTMLInputElement | null)?.value).toContain('2026年')
    expect(wrapper.find('[data-testid=plan-coverage]').text()).toBe('1/2 = 50%')
    expect(wrapper.text()).toContain('2026年监督谈话覆盖率')
    expect(rows(wrapper)).toEqual(['杨超', '韩波'])

    const trs = wrapper.findAll('.el-table__body tbody tr')
    // 杨超: nobody assigned, planned for March, not talked and March is past (today is April).
    expect(trs[0].find('[data-testid=plan-conductor]').text()).toBe('未安排')
    expect(trs[0].find('[data-testid=plan-status]').text()).toBe('未谈')
    expect(trs[0].find('[data-testid=plan-late]').exists()).toBe(true)
    expect(trs[0].find('[data-testid=plan-person]').attributes('href')).toBe('/people/p-e1')
    // 韩波: talked on 2026-02-11, the date opens the talk.
    expect(trs[1].find('[data-testid=plan-conductor]').text()).toBe('县委副书记')
    expect(trs[1].find('[data-testid=plan-status]').text()).toBe('已谈')
    expect(trs[1].find('[data-testid=plan-talk]').text()).toBe('2026-02-11')
    expect(trs[1].find('[data-testid=plan-talk]').attributes('href')).toBe('/talks/t-7')
    expect(trs[1].find('[data-testid=plan-talk-new]').exists()).toBe(false)
  })

  it('shows — instead of a percentage when nobody is in scope', async () => {
    vi.mocked(api.talkPlan).mockResolvedValue(plan([], 0, null))
    const { wrapper } = await mountPlan()
    expect(wrapper.find('[data-testid=plan-coverage]').text()).toBe('0/0 = —')
    expect(wrapper.text()).toContain('尚未制定计划，按现任一把手计算')
  })

  it('fills the plan from the current heads, says how many were added and shows the new coverage', async () => {
    vi.mocked(api.talkPlan).mockResolvedValue(plan([], 0, null))
    vi.mocked(api.talkPlanFill).mockResolvedValue({ added: 3, plan: plan([yang(), han(), entry('e3', '单丽华')], 1, 33.3) })
    const { wrapper } = await mountPlan()
    await wrapper.find('[data-testid=plan-fill]').trigger('click')
    await settle()
    expect(api.talkPlanFill).toHaveBeenCalledWith(2026)
    expect(document.body.textContent).toContain('已将 3 名现任一把手加入2026年谈话计划')
    expect(wrapper.find('[data-testid=plan-coverage]').text()).toBe('1/3 = 33.3%')
    expect(rows(wrapper)).toEqual(['杨超', '韩波', '单丽华'])
  })

  it('says so when filling adds nobody', async () => {
    vi.mocked(api.talkPlanFill).mockResolvedValue({ added: 0, plan: plan([yang(), han()], 1, 50) })
    const { wrapper } = await mountPlan()
    await wrapper.find('[data-testid=plan-fill]').trigger('click')
    await settle()
    expect(document.body.textContent).toContain('现任一把手都已在计划中，没有新增')
  })

  it('loads another year when the year changes', async () => {
    const { wrapper } = await mountPlan()
    const select = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.element.closest('[data-testid=plan-year]') || c.attributes('data-testid') === 'plan-year')!
    select.vm.$emit('update:modelValue', 2025)
    await flushPromises()
    expect(api.talkPlan).toHaveBeenLastCalledWith(2025)
  })

  it('assigns a conductor picked from the roster, keeping the planned month', async () => {
    const assigned = entry('e1', '杨超', { planned_month: 3, conductor_person_id: 'p-9' }, { conductor: '周建国', assigned: true })
    vi.mocked(api.planEntriesAssign).mockResolvedValue([assigned.entry])
    const { wrapper } = await mountPlan()
    vi.mocked(api.talkPlan).mockResolvedValue(plan([assigned, han()], 1, 50))

    await wrapper.findAll('[data-testid=plan-assign]')[0].trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('安排谈话：杨超')
    const input = $('[data-testid=plan-edit-conductor] input') as HTMLInputElement
    input.dispatchEvent(new FocusEvent('focus'))
    await flushPromises()
    expect(api.peopleSearch).toHaveBeenCalled()
    const option = [...document.body.querySelectorAll('[data-testid=person-option]')].find((o) => o.textContent?.includes('周建国')) as HTMLElement
    option.click()
    await flushPromises()
    $('[data-testid=plan-assign-save]')!.click()
    await settle()

    expect(api.planEntriesAssign).toHaveBeenCalledTimes(1)
    expect(api.planEntriesAssign).toHaveBeenCalledWith([{ id: 'e1', conductor_person_id: 'p-9', conductor_role: '', planned_month: 3 }])
    expect(wrapper.findAll('[data-testid=plan-conductor]')[0].text()).toBe('周建国')
  })

  it('replaces a roster conductor by a free-text role and shows the backend field error in the dialog', async () => {
    const li = entry('e1', '杨超', { planned_month: 3, conductor_person_id: 'p-8' }, { conductor: '李明', assigned: true })
    vi.mocked(api.talkPlan).mockResolvedValue(plan([li, han()], 1, 50))
    vi.mocked(api.planEntriesAssign).mockRejectedValue({ code: 'invalid', message: '谈话人职务不能超过60个字', field: 'conductor_role' })
    const { wrapper } = await mountPlan()
    await wrapper.findAll('[data-testid=plan-assign]')[0].trigger('click')
    await flushPromises()
    // The current conductor shows in the picker before any search.
    expect($('[data-testid=plan-edit-conductor]')!.textContent).toContain('李明')
    ;($('[data-testid=plan-edit-mode-role] input') as HTMLInputElement).click()
    await flushPromises()
    const role = $('[data-testid=plan-edit-role] input') as HTMLInputElement
    role.value = '  县委书记 '
    role.dispatchEvent(new Event('input'))
    await flushPromises()
    $('[data-testid=plan-assign-save]')!.click()
    await settle()

    expect(api.planEntriesAssign).toHaveBeenCalledWith([{ id: 'e1', conductor_person_id: null, conductor_role: '县委书记', planned_month: 3 }])
    expect(dialogItem('plan-edit-role').querySelector('.el-form-item__error')?.textContent).toContain('谈话人职务不能超过60个字')
    // The dialog stays open and the table still says nobody is assigned.
    expect($('[data-testid=plan-assign-save]')).not.toBeNull()
    expect(wrapper.findAll('[data-testid=plan-conductor]')[0].text()).toBe('李明')
  })

  it('assigns one conductor to several selected entries in one call, keeping each one\'s month', async () => {
    vi.mocked(api.planEntriesAssign).mockImplementation(async (inputs) => inputs.map((input) => ({ ...yang().entry, ...input })))
    const { wrapper } = await mountPlan()
    expect(wrapper.find('[data-testid=plan-assign-batch]').attributes('disabled')).toBeDefined()
    for (const box of wrapper.findAll('.el-table__body tbody tr .el-checkbox input')) await box.setValue(true)
    await flushPromises()
    await wrapper.find('[data-testid=plan-assign-batch]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('批量安排谈话人（2 人）')
    ;($('[data-testid=plan-edit-mode-role] input') as HTMLInputElement).click()
    await flushPromises()
    const role = $('[data-testid=plan-edit-role] input') as HTMLInputElement
    role.value = '县委书记'
    role.dispatchEvent(new Event('input'))
    await flushPromises()
    $('[data-testid=plan-assign-save]')!.click()
    await settle()
    expect(api.planEntriesAssign).toHaveBeenCalledTimes(1)
    expect(api.planEntriesAssign).toHaveBeenCalledWith([
      { id: 'e1', conductor_person_id: null, conductor_role: '县委书记', planned_month: 3 },
      { id: 'e2', conductor_person_id: null, conductor_role: '县委书记', planned_month: 2 },
    ])
    expect(api.planEntrySave).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('已为 2 人安排谈话')
  })

  it('a refused batch saves nobody: the dialog stays open with the core\'s message, naming whose entry', async () => {
    const one = coreError('plan_entry_conductor_is_subject')
    // The batch command prefixes the person, as the contract says.
    const refusal = { ...one, message: `“韩波”：${one.message}` }
    vi.mocked(api.planEntriesAssign).mockRejectedValue(refusal)
    const { wrapper } = await mountPlan()
    for (const box of wrapper.findAll('.el-table__body tbody tr .el-checkbox input')) await box.setValue(true)
    await flushPromises()
    await wrapper.find('[data-testid=plan-assign-batch]').trigger('click')
    await flushPromises()
    $('[data-testid=plan-assign-save]')!.click()
    await settle()
    expect(api.planEntriesAssign).toHaveBeenCalledTimes(1)
    expect(api.planEntrySave).not.toHaveBeenCalled()
    expect(dialogItem('plan-edit-conductor').querySelector('.el-form-item__error')?.textContent).toContain(refusal.message)
    expect($('[data-testid=plan-assign-save]')).not.toBeNull()
    // Nothing was saved, so the plan was not reloaded as if it had been.
    expect(api.talkPlan).toHaveBeenCalledTimes(1)
  })

  it('shows 未安排 and 已过计划月份 as the core decides them, not by its own clock', async () => {
    // Planned for March and today is April, but the core says not late (e.g. a later plan year).
    const quiet = entry('e1', '杨超', { planned_month: 3, conductor_role: '  ' }, { late: false, assigned: false })
    const set = entry('e3', '单丽华', { planned_month: 11 }, { late: true, assigned: true, conductor: '县长' })
    vi.mocked(api.talkPlan).mockResolvedValue(plan([quiet, set], 0, 0))
    const { wrapper } = await mountPlan()
    const trs = wrapper.findAll('.el-table__body tbody tr')
    expect(trs[0].find('[data-testid=plan-late]').exists()).toBe(false)
    expect(trs[0].find('[data-testid=plan-conductor]').text()).toBe('未安排')
    expect(trs[1].find('[data-testid=plan-late]').exists()).toBe(true)
    expect(trs[1].find('[data-testid=plan-conductor]').text()).toBe('县长')
  })

  it('sets the planned month right in the row', async () => {
    vi.mocked(api.planEntrySave).mockResolvedValue({ ...han().entry, planned_month: 5 })
    const { wrapper } = await mountPlan()
    const selects = wrapper.findAllComponents({ name: 'ElSelect' }).filter((c) => c.element.closest('[data-testid=plan-month]'))
    expect(selects).toHaveLength(2)
    selects[1].vm.$emit('update:modelValue', 5)
    await flushPromises()
    expect(api.planEntrySave).toHaveBeenCalledWith({ id: 'e2', conductor_person_id: null, conductor_role: '县委副书记', planned_month: 5 })
  })

  it('filters by month, by unassigned and by not yet talked', async () => {
    vi.mocked(api.talkPlan).mockResolvedValue(plan([yang(), han(), entry('e3', '单丽华', { conductor_role: '县长' }, { assigned: true })], 1, 33.3))
    const { wrapper } = await mountPlan()
    expect(rows(wrapper)).toEqual(['杨超', '韩波', '单丽华'])

    await wrapper.find('[data-testid=plan-filter-not-talked] input').setValue(true)
    expect(rows(wrapper)).toEqual(['杨超', '单丽华'])
    await wrapper.find('[data-testid=plan-filter-unassigned] input').setValue(true)
    expect(rows(wrapper)).toEqual(['杨超'])
    await wrapper.find('[data-testid=plan-filter-not-talked] input').setValue(false)
    await wrapper.find('[data-testid=plan-filter-unassigned] input').setValue(false)

    const month = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.element.closest('[data-testid=plan-filter-month]') || c.attributes('data-testid') === 'plan-filter-month')!
    month.vm.$emit('update:modelValue', 2)
    await flushPromises()
    expect(rows(wrapper)).toEqual(['韩波'])
    month.vm.$emit('update:modelValue', 0)
    await flushPromises()
    expect(rows(wrapper)).toEqual(['单丽华'])
    expect(wrapper.text()).toContain('共 3 人，显示 1 人')
  })

  it('voids an entry with a reason and reloads the plan', async () => {
    vi.mocked(api.planEntryVoid).mockResolvedValue({ ...yang().entry })
    const { wrapper } = await mountPlan()
    vi.mocked(api.talkPlan).mockResolvedValue(plan([han()], 1, 100))
    await wrapper.findAll('[data-testid=plan-void]')[0].trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('作废计划条目“杨超”')
    const area = $('[data-testid=void-reason] textarea') as HTMLTextAreaElement
    area.value = '已调离'
    area.dispatchEvent(new Event('input'))
    await flushPromises()
    $('[data-testid=void-confirm]')!.click()
    await settle()
    expect(api.planEntryVoid).toHaveBeenCalledWith('e1', '已调离')
    expect(rows(wrapper)).toEqual(['韩波'])
    expect(wrapper.find('[data-testid=plan-coverage]').text()).toBe('1/1 = 100%')

    // Voided by mistake: it can be put back from here.
    expect(wrapper.find('[data-testid=plan-voided]').text()).toContain('杨超')
    vi.mocked(api.planEntryRestore).mockReset().mockResolvedValue({ ...yang().entry })
    vi.mocked(api.talkPlan).mockResolvedValue(plan([yang(), han()], 1, 50))
    await wrapper.find('[data-testid=plan-restore]').trigger('click')
    await settle()
    expect(api.planEntryRestore).toHaveBeenCalledWith('e1')
    expect(rows(wrapper)).toEqual(['杨超', '韩波'])
    expect(wrapper.find('[data-testid=plan-voided]').exists()).toBe(false)
  })
})
