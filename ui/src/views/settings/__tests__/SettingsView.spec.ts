import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import SettingsView from '../SettingsView.vue'
import * as api from '../../../api'
import type { CalendarYear, CalendarYearView, DictEntry } from '../../../api'
import { settle } from '../../../test/mockApi'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)] as HTMLElement[]
const itemError = (testid: string) =>
  $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

async function type(sel: string, text: string) {
  const el = $(sel) as HTMLInputElement
  el.value = text
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}

const y2026: CalendarYear = {
  year: 2026,
  source: '国办发明电〔2025〕7号',
  holidays: [
    { name: '元旦', dates: ['2026-01-01', '2026-01-02', '2026-01-03'] },
    { name: '国庆节', dates: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'] },
  ],
  workdays: ['2026-01-04', '2026-09-20'],
}
const view = (year: CalendarYear, over: Partial<CalendarYearView> = {}): CalendarYearView => ({
  year, built_in: true, edited: false, updated_at: null, updated_by: null, ...over,
})

async function mountSettings() {
  const wrapper = mount(SettingsView, { attachTo: document.body })
  await flushPromises()
  return wrapper
}

/** The date picker inside the element with this testid. */
function picker(wrapper: VueWrapper, testid: string) {
  return wrapper.findAllComponents({ name: 'ElDatePicker' }).find((c) => c.element.closest?.(`[data-testid=${testid}]`))
    ?? wrapper.findAllComponents({ name: 'ElDatePicker' }).find((c) => $(`[data-testid=${testid}]`)?.contains(c.element))!
}

describe('设置：字典（监督重点等）', () => {
  const focus = (over: Partial<DictEntry>[] = []): DictEntry[] =>
    ['加强政治建设', '勇于担当尽责', '选人用人'].map((name, i) => ({ name, retired: false, in_use: 0, ...(over[i] ?? {}) }))
  beforeEach(() => {
    vi.mocked(api.officeGet).mockReset().mockResolvedValue({ full_names: ['中共云溪县纪律检查委员会'], agency_code: '云纪函', contact_person: '', contact_phone: '', operator: '' })
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({ version: '0.1.0', data_dir: '/d', database_path: '/d/j.db', schema_version: 2, today: '2026-05-01', is_empty: false })
    vi.mocked(api.dictEntries).mockReset().mockImplementation(async (d) => (d === 'focus_areas' ? focus([{}, { in_use: 3 }]) : []))
    vi.mocked(api.assessmentOptions).mockReset().mockResolvedValue({ ratings: [], summons_ratings: ['基本合格', '不合格'], years: [], first_year: 2000, last_year: 2026 })
    vi.mocked(api.dictSave).mockReset()
    vi.mocked(api.sanctionKindNames).mockReset().mockResolvedValue([])
    vi.mocked(api.calendarYears).mockReset().mockResolvedValue([])
    vi.mocked(api.fontsReport).mockReset().mockResolvedValue({ roles: [], fallbacks: [] })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows a card for each of the office\'s lists, the rating scale naming the core\'s 约谈 ratings', async () => {
    const wrapper = await mountSettings()
    for (const d of ['focus_areas', 'rating_scale', 'finding_sources', 'risk_categories', 'supervision_methods']) {
      expect(wrapper.find(`[data-testid=dict-${d}]`).exists()).toBe(true)
      expect(api.dictEntries).toHaveBeenCalledWith(d)
    }
    expect(wrapper.find('[data-testid=dict-rating_scale]').text()).toContain('评为基本合格、不合格的单位')
  })

  it('renames an unused area, reorders, removes and adds, then saves the list in its new order', async () => {
    vi.mocked(api.dictSave).mockImplementation(async (_d, entries) => entries)
    const wrapper = await mountSettings()
    const card = wrapper.find('[data-testid=dict-focus_areas]')
    const values = () => card.findAll('[data-testid=dict-entry] input[type=text]').map((i) => (i.element as HTMLInputElement).value)
    expect(values()).toEqual(['加强政治建设', '勇于担当尽责', '选人用人'])

    await card.find('[data-testid=dict-entry-0] input').setValue('加强政治建设工作')
    await card.find('[data-testid=dict-up-2]').trigger('click')
    expect(values()).toEqual(['加强政治建设工作', '选人用人', '勇于担当尽责'])
    await card.find('[data-testid=dict-remove-1]').trigger('click')
    await card.find('[data-testid=dict-add]').trigger('click')
    await card.find('[data-testid=dict-entry-2] input').setValue(' 工程建设项目 ')
    await card.find('[data-testid=dict-add]').trigger('click') // left blank: not saved
    expect(card.text()).toContain('有未保存的修改')

    await card.find('[data-testid=dict-save]').trigger('click')
    await settle()
    expect(api.dictSave).toHaveBeenCalledWith('focus_areas', [
      { name: '加强政治建设工作', retired: false, in_use: 0 },
      { name: '勇于担当尽责', retired: false, in_use: 0 },
      { name: '工程建设项目', retired: false, in_use: 0 },
    ])
    expect(values()).toEqual(['加强政治建设工作', '勇于担当尽责', '工程建设项目'])
    expect(document.body.textContent).toContain('监督重点（谈话重点领域）已保存')
    expect(card.text()).not.toContain('有未保存的修改')
  })

  it('shows the backend error under the list and keeps the edits', async () => {
    vi.mocked(api.dictSave).mockRejectedValue({ code: 'invalid', message: '监督重点“选人用人”重复', field: 'focus_areas' })
    const wrapper = await mountSettings()
    const card = wrapper.find('[data-testid=dict-focus_areas]')
    await card.find('[data-testid=dict-entry-0] input').setValue('选人用人')
    await card.find('[data-testid=dict-save]').trigger('click')
    await settle()
    expect(card.find('.el-form-item__error').text()).toContain('监督重点“选人用人”重复')
    expect((card.find('[data-testid=dict-entry-0] input').element as HTMLInputElement).value).toBe('选人用人')
  })
})

describe('设置：节假日安排', () => {
  beforeEach(() => {
    vi.mocked(api.officeGet).mockReset().mockResolvedValue({ full_names: [''], agency_code: '', contact_person: '', contact_phone: '', operator: '' })
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({ version: '0.1.0', data_dir: '/d', database_path: '/d/j.db', schema_version: 2, today: '2026-05-01', is_empty: false })
    vi.mocked(api.talkOptions).mockReset().mockResolvedValue({ kinds: [], focus_areas: ['选人用人'], sources: [] })
    vi.mocked(api.dictEntries).mockReset().mockResolvedValue([])
    vi.mocked(api.sanctionKindNames).mockReset().mockResolvedValue([])
    vi.mocked(api.calendarYears).mockReset().mockResolvedValue([
      view({ year: 2025, source: '国办发明电〔2024〕12号', holidays: [{ name: '春节', dates: ['2025-01-28', '2025-01-29'] }], workdays: ['2025-01-26'] }),
      view(y2026, { edited: true, updated_at: '2026-03-01 09:00:00', updated_by: '李文书' }),
    ])
    vi.mocked(api.calendarYearSave).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the years with their source, origin and day counts, and says undated years are 估算', async () => {
    const wrapper = await mountSettings()
    expect(wrapper.findAll('[data-testid=cal-row-year]').map((r) => r.text())).toEqual(['2025年', '2026年'])
    expect(wrapper.findAll('[data-testid=cal-row-origin]').map((r) => r.text())).toEqual(['内置', '内置本机关已修改'])
    expect(wrapper.findAll('[data-testid=cal-row-holidays]')[1].text()).toBe('2 个节日，共 10 天')
    expect(wrapper.findAll('[data-testid=cal-row-workdays]')[1].text()).toBe('2 天')
    expect(wrapper.find('[data-testid=cal-note]').text()).toContain('估算')
    expect(wrapper.find('[data-testid=cal-missing]').text()).toContain('尚未录入2027年的节假日安排')
  })

  it('adds 2027 from a date range and a 调休 day, and saves exactly that year', async () => {
    const saved = view({ year: 2027, source: 'x', holidays: [], workdays: [] }, { built_in: false, edited: true })
    vi.mocked(api.calendarYearSave).mockResolvedValue(saved)
    const wrapper = await mountSettings()
    await wrapper.find('[data-testid=cal-new]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('新增年度节假日安排')
    expect(($('[data-testid=cal-year] input') as HTMLInputElement).value).toBe('2027')
    // The usual holidays are offered by name, 国庆节 last.
    const names = () => $$('[data-testid=cal-holiday] .name input').map((i) => (i as HTMLInputElement).value)
    expect(names()).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'])

    await type('[data-testid=cal-source] input', '国办发明电〔2026〕9号')
    picker(wrapper, 'cal-holiday-range-6').vm.$emit('update:modelValue', ['2027-10-01', '2027-10-07'])
    await flushPromises()
    expect($('[data-testid=cal-holiday-dates-6]')!.textContent).toContain('10月1日（五）')
    expect($$('[data-testid=cal-holiday-dates-6] .el-tag')).toHaveLength(7)
    // Only 国庆节 in this test: remove the other six.
    for (let i = 0; i < 6; i++) {
      $('[data-testid=cal-holiday-remove-0]')!.click()
      await flushPromises()
    }
    expect(names()).toEqual(['国庆节'])
    picker(wrapper, 'cal-workday-add').vm.$emit('update:modelValue', '2027-10-09')
    await flushPromises()
    picker(wrapper, 'cal-workday-add').vm.$emit('update:modelValue', '2027-09-26')
    await flushPromises()
    expect($('[data-testid=cal-workdays]')!.textContent).toContain('9月26日（日）')

    vi.mocked(api.calendarYears).mockClear()
    $('[data-testid=cal-save]')!.click()
    await settle()
    expect(api.calendarYearSave).toHaveBeenCalledWith({
      year: 2027,
      source: '国办发明电〔2026〕9号',
      holidays: [{ name: '国庆节', dates: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'] }],
      workdays: ['2027-09-26', '2027-10-09'],
    })
    expect(document.body.textContent).toContain('2027年节假日安排已保存')
    expect(api.calendarYears).toHaveBeenCalledTimes(1)
  })

  it('shows a backend error under 调休上班日 and keeps the dialog open', async () => {
    vi.mocked(api.calendarYearSave).mockRejectedValue({
      code: 'invalid', message: '调休上班日期 2026-09-21 不是周末，本来就是工作日', field: 'workdays',
    })
    const wrapper = await mountSettings()
    await wrapper.findAll('[data-testid=cal-edit]')[1].trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('修改2026年节假日安排')
    expect(($('[data-testid=cal-source] input') as HTMLInputElement).value).toBe('国办发明电〔2025〕7号')
    picker(wrapper, 'cal-workday-add').vm.$emit('update:modelValue', '2026-09-21')
    await flushPromises()
    expect($('[data-testid=cal-workdays]')!.textContent).toContain('（非周末）')
    $('[data-testid=cal-save]')!.click()
    await settle()

    const sent = vi.mocked(api.calendarYearSave).mock.calls[0][0]
    expect(sent.year).toBe(2026)
    expect(sent.holidays).toEqual(y2026.holidays)
    expect(sent.workdays).toEqual(['2026-01-04', '2026-09-20', '2026-09-21'])
    expect(itemError('cal-workdays')).toContain('调休上班日期 2026-09-21 不是周末，本来就是工作日')
    expect($('[data-testid=cal-save]')).not.toBeNull()
  })
})

describe('设置：公文字体', () => {
  beforeEach(() => {
    vi.mocked(api.officeGet).mockReset().mockResolvedValue({ full_names: ['中共云溪县纪律检查委员会'], agency_code: '云纪函', contact_person: '', contact_phone: '', operator: '' })
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({ version: '0.1.0', data_dir: '/d', database_path: '/d/j.db', schema_version: 3, today: '2026-05-01', is_empty: false })
    vi.mocked(api.talkOptions).mockReset().mockResolvedValue({ kinds: ['监督谈话'], focus_areas: [], sources: [] })
    vi.mocked(api.dictEntries).mockReset().mockResolvedValue([])
    vi.mocked(api.sanctionKindNames).mockReset().mockResolvedValue([])
    vi.mocked(api.calendarYears).mockReset().mockResolvedValue([])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows which font prints each role, official or a stand-in, and the fallbacks for rare characters', async () => {
    vi.mocked(api.fontsReport).mockReset().mockResolvedValue({
      roles: [
        { role: 'Title', role_label: '标题（小标宋）', family: '方正小标宋简体', path: '/f/FZXBSJW.TTF', face_index: 0, official: true },
        { role: 'Body', role_label: '正文（仿宋）', family: 'Noto Serif CJK SC', path: '/f/NotoSerifCJK.ttc', face_index: 2, official: false },
      ],
      fallbacks: ['HanaMinB (/f/HanaMinB.ttf)'],
    })
    await mountSettings()
    await settle()
    const rows = $$('[data-testid=fonts-table] .el-table__body tr').map((r) => r.textContent ?? '')
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('标题（小标宋）')
    expect(rows[0]).toContain('方正小标宋简体')
    expect(rows[0]).toContain('规定字体')
    expect(rows[1]).toContain('Noto Serif CJK SC')
    expect(rows[1]).toContain('替代字体')
    expect($('[data-testid=fonts-card]')!.textContent).toContain('HanaMinB')
  })

  it('says why when no font could be found', async () => {
    vi.mocked(api.fontsReport).mockReset().mockRejectedValue({ code: 'io', message: '未找到用于“正文（仿宋）”的字体', field: null })
    await mountSettings()
    await settle()
    expect($('[data-testid=fonts-card]')!.textContent).toContain('未找到用于“正文（仿宋）”的字体')
  })
})
