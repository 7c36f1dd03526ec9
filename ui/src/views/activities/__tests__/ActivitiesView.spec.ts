import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ActivitiesView from '../ActivitiesView.vue'
import HearingForm from '../HearingForm.vue'
import EducationForm from '../EducationForm.vue'
import * as api from '../../../api'
import type { EducationOptions, EducationRow, HearingRow, UnitRow } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }
const units = [
  { unit: { id: 'u-1', name: '云溪县青石镇' } },
  { unit: { id: 'u-2', name: '云溪县交通运输局' } },
] as unknown as UnitRow[]

const hearing = (id: string, date: string, over: Partial<HearingRow> = {}, voided_at: string | null = null): HearingRow => ({
  hearing: {
    id, date, kind: '同级监督情况汇报', unit_id: 'u-1', reporter_person_id: 'p-1', reporter_name: '', key_points: '开展同级监督情况',
    follow_ups: '每季度报送', meta: { ...meta, voided_at },
  },
  unit_name: '云溪县青石镇', reporter_person_name: '曾国栋', reporter: '曾国栋', ...over,
})
const session = (id: string, participants: number, voided_at: string | null = null): EducationRow => ({
  education: {
    id, date: '2026-02-01', kind: '警示教育片', title: '观看警示教育片《零容忍》', material: '', participants,
    unit_ids: ['u-1', 'u-2'], person_ids: [], meta: { ...meta, voided_at },
  },
  units: [{ id: 'u-1', name: '云溪县青石镇' }, { id: 'u-2', name: '云溪县交通运输局' }],
  people: [],
})
const educationOptions: EducationOptions = { kinds: ['警示教育片', '忏悔录', '旁听庭审', '专题讲座', '警示教育基地'], years: [2026, 2025], max_participants: 100000 }

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const errorUnder = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

async function mountPage(path = '/activities') {
  const router = testRouter()
  await router.push(path)
  const wrapper = mount(ActivitiesView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

/** Opens an el-select and clicks the option with this text. */
async function choose(testid: string, text: string) {
  $(`[data-testid=${testid}] .el-select__wrapper`)!.click()
  await flushPromises()
  const option = [...document.body.querySelectorAll('.el-select-dropdown__item')].find((o) => o.textContent?.trim() === text) as HTMLElement
  expect(option, `option “${text}”`).toBeTruthy()
  option.click()
  await flushPromises()
}

describe('听取汇报和警示教育', () => {
  beforeEach(() => {
    vi.mocked(api.unitsList).mockReset().mockResolvedValue(units)
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 5, today: '2026-03-10', is_empty: false,
    })
    vi.mocked(api.hearingOptions).mockReset().mockResolvedValue({ kinds: ['同级监督情况汇报', '派驻监督情况专题汇报', '其他'], years: [2026, 2024] })
    const typed = hearing('h-2', '2026-02-15', { unit_name: '云溪县交通运输局', reporter_person_name: null, reporter: '派驻第二纪检监察组组长' })
    typed.hearing = { ...typed.hearing, unit_id: 'u-2', reporter_person_id: null, reporter_name: '派驻第二纪检监察组组长' }
    vi.mocked(api.hearingsList).mockReset().mockResolvedValue([typed, hearing('h-1', '2025-11-20')])
    vi.mocked(api.hearingSave).mockReset()
    vi.mocked(api.hearingRestore).mockReset()
    vi.mocked(api.educationOptions).mockReset().mockResolvedValue(educationOptions)
    vi.mocked(api.educationList).mockReset().mockResolvedValue([session('e-1', 40), session('e-2', 25)])
    vi.mocked(api.educationSave).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the hearings of every year, then filters by year and by unit', async () => {
    const { wrapper } = await mountPage()
    expect(api.hearingsList).toHaveBeenLastCalledWith({ year: null, unit_id: null, voided: false })
    expect(wrapper.findAll('[data-testid=hearing-reporter]').map((r) => r.text())).toEqual(['派驻第二纪检监察组组长', '曾国栋'])
    // The roster reporter links to their page; the typed one does not.
    expect(wrapper.findAll('a[data-testid=hearing-reporter]')).toHaveLength(1)

    await choose('hearing-year', '2025年')
    expect(api.hearingsList).toHaveBeenLastCalledWith({ year: 2025, unit_id: null, voided: false })
    await choose('hearing-unit', '云溪县交通运输局')
    expect(api.hearingsList).toHaveBeenLastCalledWith({ year: 2025, unit_id: 'u-2', voided: false })
  })

  it('shows the voided hearings on demand and restores one', async () => {
    vi.mocked(api.hearingRestore).mockResolvedValue(hearing('h-9', '2025-06-01'))
    const { wrapper } = await mountPage()
    vi.mocked(api.hearingsList).mockResolvedValue([hearing('h-9', '2025-06-01', {}, '2026-01-01 09:00:00')])
    await wrapper.find('[data-testid=hearing-show-voided]').trigger('click')
    await flushPromises()
    expect(api.hearingsList).toHaveBeenLastCalledWith({ year: null, unit_id: null, voided: true })
    expect(wrapper.find('[data-testid=hearing-void]').exists()).toBe(false)
    await wrapper.find('[data-testid=hearing-restore]').trigger('click')
    await flushPromises()
    expect(api.hearingRestore).toHaveBeenCalledWith('h-9')
  })

  it('puts the core\'s refusal of a hearing with neither unit nor reporter under 汇报单位', async () => {
    const refusal = coreError('hearing_no_unit_or_reporter')
    expect(refusal.field).toBe('unit_id')
    vi.mocked(api.hearingSave).mockRejectedValue(refusal)
    const wrapper = mount(HearingForm, { props: { modelValue: true, kinds: ['同级监督情况汇报'], units }, attachTo: document.body })
    await flushPromises()
    $('[data-testid=hearing-form-save]')!.click()
    await settle()
    expect(api.hearingSave).toHaveBeenCalledWith(expect.objectContaining({ id: null, kind: '同级监督情况汇报', unit_id: null, reporter_person_id: null }))
    expect(errorUnder('hearing-form-unit')).toBe(refusal.message)
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('puts a future hearing date under 汇报日期, editing keeps the id', async () => {
    const refusal = coreError('hearing_future_date')
    vi.mocked(api.hearingSave).mockRejectedValue(refusal)
    mount(HearingForm, { props: { modelValue: true, kinds: ['同级监督情况汇报'], units, row: hearing('h-1', '2025-11-20') }, attachTo: document.body })
    await flushPromises()
    $('[data-testid=hearing-form-save]')!.click()
    await settle()
    expect(api.hearingSave).toHaveBeenCalledWith(expect.objectContaining({ id: 'h-1', unit_id: 'u-1', reporter_person_id: 'p-1' }))
    expect(errorUnder('hearing-form-date')).toBe(refusal.message)
  })

  it('lists warning education with its units and the attendance the rows add up to', async () => {
    const { wrapper } = await mountPage('/activities?tab=education')
    expect(api.educationList).toHaveBeenLastCalledWith({ year: null, unit_id: null, voided: false })
    expect(wrapper.findAll('[data-testid=education-units]')[0].text()).toBe('云溪县青石镇、云溪县交通运输局')
    expect(wrapper.find('[data-testid=education-tally]').text()).toBe('共 2 次，参加 65 人次')
    await choose('education-unit', '云溪县青石镇')
    expect(api.educationList).toHaveBeenLastCalledWith({ year: null, unit_id: 'u-1', voided: false })
  })

  it('puts the core\'s refusals of an education session under 参加单位 and 参加人数', async () => {
    const noUnits = coreError('education_no_units')
    vi.mocked(api.educationSave).mockRejectedValue(noUnits)
    const wrapper = mount(EducationForm, { props: { modelValue: true, options: educationOptions, units }, attachTo: document.body })
    await flushPromises()
    $('[data-testid=education-form-save]')!.click()
    await settle()
    expect(api.educationSave).toHaveBeenCalledWith(expect.objectContaining({ id: null, kind: '警示教育片', unit_ids: [], participants: 0 }))
    expect(errorUnder('education-form-units')).toBe(noUnits.message)

    const negative = coreError('education_negative_participants')
    expect(negative.field).toBe('participants')
    vi.mocked(api.educationSave).mockRejectedValue(negative)
    $('[data-testid=education-form-save]')!.click()
    await settle()
    expect(errorUnder('education-form-participants')).toBe(negative.message)
    expect(errorUnder('education-form-units')).toBe('')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })
})
