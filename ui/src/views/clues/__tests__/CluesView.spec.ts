import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import CluesView from '../CluesView.vue'
import ClueForm from '../ClueForm.vue'
import PersonClues from '../../../components/PersonClues.vue'
import * as api from '../../../api'
import type { ClueOptions, ClueRow, UnitRow } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }
const options: ClueOptions = {
  source_suggestions: ['信访举报', '上级交办', '巡视巡察移交', '审计移交', '监督检查发现', '其他'],
  disposals: ['谈话函询', '初步核实', '暂存待查', '予以了结'], years: [2026, 2025], talk_source: '问题线索处置',
}
const row = (id: string, clue: Partial<ClueRow['clue']> = {}, extra: Partial<ClueRow> = {}): ClueRow => ({
  clue: {
    id, source: '信访举报', received_date: '2026-02-09', person_id: 'p-1', unit_id: null, summary: '反映其违规干预工程分包',
    disposal: null, disposal_date: null, result: '', meta, ...clue,
  },
  person_name: '雷振国', unit_name: null, talk_id: null, talk_date: null, talk_state: null, talk_awaited: false, ...extra,
})
const units = [{ unit: { id: 'u-1', name: '云溪县水利局' } }] as unknown as UnitRow[]

/** Chooses `value` in the el-select carrying data-testid `testid`, as a click on its option would. */
const pick = (w: VueWrapper, testid: string, value: string) =>
  w.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === testid || c.element.closest(`[data-testid=${testid}]`))!.vm.$emit('update:modelValue', value)
const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const errorUnder = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

async function mountPage(path = '/clues') {
  const router = testRouter()
  await router.push(path)
  const wrapper = mount(CluesView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

describe('问题线索', () => {
  beforeEach(() => {
    vi.mocked(api.clueOptions).mockReset().mockResolvedValue(options)
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 5, today: '2026-03-10', is_empty: false,
    })
    vi.mocked(api.cluesList).mockReset().mockResolvedValue([
      row('c-1', { disposal: '谈话函询', disposal_date: '2026-02-20' }, { talk_id: 't-7', talk_date: '2026-02-24', talk_state: '已谈话' }),
      row('c-2', { disposal: '谈话函询', disposal_date: '2026-03-01', person_id: 'p-2' }, { person_name: '周建国', talk_awaited: true }),
      row('c-3'),
    ])
    vi.mocked(api.clueSave).mockReset()
    vi.mocked(api.unitsList).mockReset().mockResolvedValue(units)
    vi.mocked(api.peopleSearch).mockReset().mockResolvedValue({ rows: [], total: 0 })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('links a disposed clue to its 谈话函询 and opens the talk form, linked to the clue, for one awaiting it', async () => {
    const { wrapper, router } = await mountPage()
    expect(wrapper.findAll('[data-testid=clue-disposal]').map((d) => d.text())).toEqual(['谈话函询', '谈话函询', '未处置'])
    expect(wrapper.find('[data-testid=clue-talk-link]').attributes('href')).toContain('/talks/t-7')
    const register = wrapper.findAll('[data-testid=clue-register-talk]')
    expect(register).toHaveLength(1)
    await register[0].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/talks/new')
    expect(router.currentRoute.value.query).toEqual({ kind: '谈话函询', source: '问题线索处置', clue: 'c-2', person: 'p-2' })
  })

  it('filters by disposal, with 未处置 for those not yet disposed of', async () => {
    const { wrapper } = await mountPage()
    expect(api.cluesList).toHaveBeenCalledWith({ year: null, disposal: null, undisposed: false, person_id: null, voided: false })
    pick(wrapper, 'clue-filter-disposal', '未处置')
    await flushPromises()
    expect(api.cluesList).toHaveBeenLastCalledWith({ year: null, disposal: null, undisposed: true, person_id: null, voided: false })
    pick(wrapper, 'clue-filter-disposal', '初步核实')
    await flushPromises()
    expect(api.cluesList).toHaveBeenLastCalledWith({ year: null, disposal: '初步核实', undisposed: false, person_id: null, voided: false })
  })

  it('puts the core\'s refusal of a disposal date before the received date under 处置日期 and stays open', async () => {
    const refusal = coreError('clue_disposal_before_received')
    vi.mocked(api.clueSave).mockRejectedValue(refusal)
    const wrapper = mount(ClueForm, {
      props: { modelValue: true, options, today: '2026-03-10', row: row('c-3', { disposal: '初步核实', disposal_date: '2026-02-08' }) },
      attachTo: document.body,
    })
    await flushPromises()
    $('[data-testid=clue-form-save]')!.click()
    await settle()
    expect(api.clueSave).toHaveBeenCalledWith(expect.objectContaining({ id: 'c-3', disposal: '初步核实', disposal_date: '2026-02-08' }))
    expect(errorUnder('clue-form-disposal-date')).toContain(refusal.message)
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('puts the core\'s refusals of a clue about nobody and of an empty summary under their fields', async () => {
    for (const [name, testid] of [['clue_no_subject', 'clue-form-person'], ['clue_empty_summary', 'clue-form-summary']]) {
      const refusal = coreError(name)
      vi.mocked(api.clueSave).mockReset().mockRejectedValue(refusal)
      const wrapper = mount(ClueForm, { props: { modelValue: true, options, today: '2026-03-10', row: row('c-3') }, attachTo: document.body })
      await flushPromises()
      $('[data-testid=clue-form-save]')!.click()
      await settle()
      expect(errorUnder(testid)).toContain(refusal.message)
      wrapper.unmount()
      document.body.innerHTML = ''
    }
  })

  it('on the person page lists the person\'s clues with the talk each led to', async () => {
    const router = testRouter()
    await router.push('/people/p-1')
    const wrapper = mount(PersonClues, {
      props: {
        personId: 'p-1', personName: '雷振国',
        clues: [row('c-1', { disposal: '谈话函询', disposal_date: '2026-02-20' }, { talk_id: 't-7', talk_date: '2026-02-24' }), row('c-3', { disposal: '谈话函询', disposal_date: '2026-03-01' }, { talk_awaited: true })],
      },
      global: { plugins: [router] },
      attachTo: document.body,
    })
    await flushPromises()
    expect(wrapper.find('[data-testid=person-clue-talk]').attributes('href')).toContain('/talks/t-7')
    await wrapper.find('[data-testid=person-clue-register-talk]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ kind: '谈话函询', source: '问题线索处置', clue: 'c-3', person: 'p-1' })
  })
})
