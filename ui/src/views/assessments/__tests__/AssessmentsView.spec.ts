import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import AssessmentsView from '../AssessmentsView.vue'
import AssessmentForm from '../AssessmentForm.vue'
import * as api from '../../../api'
import type { AssessmentOptions, AssessmentRow, UnitRow } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }
const options: AssessmentOptions = {
  ratings: ['好', '较好', '一般', '基本合格', '不合格'], summons_ratings: ['基本合格', '不合格'], years: [2025, 2024], first_year: 2000, last_year: 2026,
}
const row = (id: string, unit: string, rating: string, extra: Partial<AssessmentRow> = {}): AssessmentRow => ({
  assessment: { id, unit_id: `u-${id}`, year: 2025, rating, score: 80, remark: '', meta },
  unit_name: unit, head_person_id: `p-${id}`, head_name: `${unit}局长`, head_title: '局长',
  calls_for_summons: options.summons_ratings.includes(rating), summons_talk_id: null, summons_talk_date: null, ...extra,
})
const units = [{ unit: { id: 'u-1', name: '云溪县水利局' } }] as unknown as UnitRow[]

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const errorUnder = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

async function mountPage() {
  const router = testRouter()
  await router.push('/assessments')
  const wrapper = mount(AssessmentsView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

describe('考核', () => {
  beforeEach(() => {
    vi.mocked(api.assessmentOptions).mockReset().mockResolvedValue(options)
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 4, today: '2026-03-10', is_empty: false,
    })
    vi.mocked(api.assessmentsList).mockReset().mockResolvedValue([
      row('1', '云溪县水利局', '基本合格'),
      row('2', '云溪县林业局', '好'),
      row('3', '云溪县审计局', '不合格', { summons_talk_id: 't-4', summons_talk_date: '2026-02-01' }),
    ])
    vi.mocked(api.assessmentSave).mockReset()
    vi.mocked(api.unitsList).mockReset().mockResolvedValue(units)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the latest rated year, marks the ratings that call for a 约谈 and where each 约谈 stands', async () => {
    const { wrapper, router } = await mountPage()
    expect(api.assessmentsList).toHaveBeenCalledWith({ year: 2025, unit_id: null, voided: false })
    const ratings = wrapper.findAll('[data-testid=assessment-rating]')
    expect(ratings.map((r) => r.text())).toEqual(['基本合格', '好', '不合格'])
    expect(ratings.map((r) => r.classes('weak'))).toEqual([true, false, true])
    expect(wrapper.findAll('[data-testid=assessment-summons-pending]')).toHaveLength(1)
    expect(wrapper.find('[data-testid=assessment-summons-held]').text()).toContain('已约谈 2026-02-01')

    await wrapper.find('[data-testid=assessment-summons]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/talks/new')
    expect(router.currentRoute.value.query).toEqual({ kind: '约谈', source: '考核结果', assessment: '1', person: 'p-1' })
  })

  it('puts the core\'s refusal of a second rating for the unit and year under 考核单位, and stays open', async () => {
    const refusal = coreError('assessment_duplicate')
    vi.mocked(api.assessmentSave).mockRejectedValue(refusal)
    const wrapper = mount(AssessmentForm, { props: { modelValue: true, options, year: 2025, row: row('1', '云溪县水利局', '较好') }, attachTo: document.body })
    await flushPromises()
    $('[data-testid=assessment-form-save]')!.click()
    await settle()
    expect(api.assessmentSave).toHaveBeenCalledWith({ id: '1', unit_id: 'u-1', year: 2025, rating: '较好', score: 80, remark: '' })
    expect(errorUnder('assessment-form-unit')).toContain(refusal.message)
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('puts the core\'s refusal of the score under 考核得分', async () => {
    const refusal = coreError('assessment_score_out_of_range')
    vi.mocked(api.assessmentSave).mockRejectedValue(refusal)
    mount(AssessmentForm, { props: { modelValue: true, options, year: 2025, row: row('1', '云溪县水利局', '一般') }, attachTo: document.body })
    await flushPromises()
    $('[data-testid=assessment-form-save]')!.click()
    await settle()
    expect(errorUnder('assessment-form-score')).toContain(refusal.message)
  })

  it('says a weak rating will put the head on the 待约谈 list', async () => {
    mount(AssessmentForm, { props: { modelValue: true, options, year: 2025, row: row('1', '云溪县水利局', '基本合格') }, attachTo: document.body })
    await flushPromises()
    expect($('[data-testid=assessment-form-summons-hint]')?.textContent).toContain('待约谈')
  })

  it('opened from the 统计 ratings chart lists the year it was drawn for', async () => {
    const router = testRouter()
    await router.push('/assessments?year=2023')
    mount(AssessmentsView, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    expect(api.assessmentsList).toHaveBeenLastCalledWith({ year: 2023, unit_id: null, voided: false })
  })

  it('opened from a slice of the 统计 ratings chart lists that rating in the period\'s years and units', async () => {
    const router = testRouter()
    await router.push('/assessments?rating=一般&from=2025-01-01&to=2025-12-31&units=u-1,u-4')
    const w = mount(AssessmentsView, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    expect(api.assessmentsList).toHaveBeenLastCalledWith({
      year: null, unit_id: null, voided: false, rating: '一般',
      scope: { period: { kind: 'range', from: '2025-01-01', to: '2025-12-31' }, unit_ids: ['u-1', 'u-4'] },
    })
    expect(w.find('[data-testid=assessment-drill-scope]').exists()).toBe(true)
  })
})
