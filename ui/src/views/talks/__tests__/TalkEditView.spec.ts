import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import TalkEditView from '../TalkEditView.vue'
import * as api from '../../../api'
import type { PersonDetail, UnitDetail } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }

async function mountAt(path: string) {
  const router = testRouter()
  await router.push(path)
  const wrapper = mount(TalkEditView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

function formItemText(wrapper: ReturnType<typeof mount>, testid: string): string {
  const found = wrapper.find(`[data-testid=${testid}]`)
  expect(found.exists(), testid).toBe(true)
  const el = found.element.closest('.el-form-item') as HTMLElement
  return el.textContent ?? ''
}

describe('谈话登记', () => {
  beforeEach(() => {
    vi.mocked(api.talkOptions).mockReset().mockResolvedValue({
      kinds: ['监督谈话', '约谈', '提醒谈话'], focus_areas: ['选人用人', '工程项目'], sources: ['考核结果', '日常监督'],
    })
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 2, today: '2024-09-27', is_empty: false,
    })
    vi.mocked(api.talkSave).mockReset()
    vi.mocked(api.peopleSearch).mockReset().mockResolvedValue({ rows: [], total: 0 })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('from a unit page puts its 一把手 in as the subject and saves problems and remedies in order', async () => {
    vi.mocked(api.unitDetail).mockResolvedValue({
      unit: { id: 'u-1', name: '云溪县医疗保障局' } as UnitDetail['unit'], parent_name: null, children: [], past_positions: [],
      current_positions: [
        { position: { id: 'po-2', person_id: 'p-2', unit_id: 'u-1', title: '副局长', rank: '', is_head: false, is_leadership: true, portfolio: '', start_date: null, end_date: null, meta }, person_name: '韩波', unit_name: '云溪县医疗保障局', current: true },
        { position: { id: 'po-1', person_id: 'p-1', unit_id: 'u-1', title: '局长', rank: '', is_head: true, is_leadership: true, portfolio: '', start_date: null, end_date: null, meta }, person_name: '杨超', unit_name: '云溪县医疗保障局', current: true },
      ],
    })
    vi.mocked(api.talkSave).mockResolvedValue({ talk: { id: 't-9' } } as Awaited<ReturnType<typeof api.talkSave>>)
    const { wrapper, router } = await mountAt('/talks/new?unit=u-1&kind=约谈')

    expect(wrapper.find('[data-testid=talk-form-subjects]').text()).toContain('杨超')
    await wrapper.find('[data-testid=talk-form-problems-add]').trigger('click')
    await wrapper.find('[data-testid=talk-form-problems-add]').trigger('click')
    const boxes = wrapper.findAll('[data-testid=talk-form-problems-item] textarea')
    await boxes[0].setValue('“三重一大”事项未经集体研究')
    await boxes[1].setValue('公务接待台账不全')
    await wrapper.find('[data-testid=talk-form-remedies-add]').trigger('click')
    await wrapper.find('[data-testid=talk-form-remedies-item] textarea').setValue('10个工作日内完成整改')
    await wrapper.find('[data-testid=talk-form-save]').trigger('click')
    await flushPromises()

    const input = vi.mocked(api.talkSave).mock.calls[0][0]
    expect(input.kind).toBe('约谈')
    expect(input.held).toBe(true)
    expect(input.date).toBe('2024-09-27')
    expect(input.subjects).toEqual([{ person_id: 'p-1', unit_id: null }])
    expect(input.problems).toEqual(['“三重一大”事项未经集体研究', '公务接待台账不全'])
    expect(input.remedies).toEqual(['10个工作日内完成整改'])
    expect(router.currentRoute.value.path).toBe('/talks/t-9')
  })

  it('shows each refusal of the core under its field, and stays on the form', async () => {
    const { wrapper, router } = await mountAt('/talks/new')
    for (const [name, testid] of [
      ['talk_no_subject', 'talk-form-subjects'],
      ['talk_future_date', 'talk-form-date-box'],
      ['talk_no_conductor', 'talk-form-conductor'],
      ['talk_conductor_is_subject', 'talk-form-conductor'],
    ] as const) {
      const refusal = coreError(name)
      vi.mocked(api.talkSave).mockRejectedValue(refusal)
      await wrapper.find('[data-testid=talk-form-save]').trigger('click')
      await settle()
      expect(formItemText(wrapper, testid), name).toContain(refusal.message)
    }
    expect(router.currentRoute.value.path).toBe('/talks/new')
  })

  it('shows a refusal about no field of the form at the top of the form', async () => {
    vi.mocked(api.talkSave).mockRejectedValue({ code: 'conflict', message: '该谈话已作废，不能修改；如需修改请先恢复', field: null })
    const { wrapper } = await mountAt('/talks/new')
    await wrapper.find('[data-testid=talk-form-save]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid=talk-form-error]').text()).toContain('该谈话已作废')
  })

  it('from a person page puts that person in as the subject', async () => {
    vi.mocked(api.personDetail).mockResolvedValue({ person: { id: 'p-5', name: '单丽华' } } as PersonDetail)
    const { wrapper } = await mountAt('/talks/new?person=p-5')
    expect(wrapper.find('[data-testid=talk-form-subjects]').text()).toContain('单丽华')
  })

  // ---- 考核
  it('from the worklist\'s 待约谈 fills a 约谈 of the head for 考核结果 and carries the assessment into the saved talk', async () => {
    vi.mocked(api.personDetail).mockResolvedValue({ person: { id: 'p-9', name: '杨超' }, positions: [] } as unknown as PersonDetail)
    vi.mocked(api.talkSave).mockResolvedValue({ talk: { id: 't-12' } } as Awaited<ReturnType<typeof api.talkSave>>)
    const { wrapper, router } = await mountAt('/talks/new?kind=约谈&source=考核结果&assessment=a-5&person=p-9')
    expect(wrapper.find('[data-testid=talk-form-subjects]').text()).toContain('杨超')
    expect(wrapper.find('[data-testid=talk-form-assessment]').exists()).toBe(true)
    await wrapper.find('[data-testid=talk-form-save]').trigger('click')
    await flushPromises()
    const input = vi.mocked(api.talkSave).mock.calls[0][0]
    expect(input.kind).toBe('约谈')
    expect(input.source).toBe('考核结果')
    expect(input.assessment_id).toBe('a-5')
    expect(input.subjects).toEqual([{ person_id: 'p-9', unit_id: null }])
    expect(router.currentRoute.value.path).toBe('/talks/t-12')
  })

  it('shows the core\'s refusal of the assessment link under 关联考核', async () => {
    const refusal = coreError('talk_assessment_not_summons')
    vi.mocked(api.personDetail).mockResolvedValue({ person: { id: 'p-9', name: '杨超' }, positions: [] } as unknown as PersonDetail)
    vi.mocked(api.talkSave).mockRejectedValue(refusal)
    const { wrapper, router } = await mountAt('/talks/new?kind=约谈&assessment=a-5&person=p-9')
    await wrapper.find('[data-testid=talk-form-save]').trigger('click')
    await settle()
    expect(formItemText(wrapper, 'talk-form-assessment')).toContain(refusal.message)
    expect(router.currentRoute.value.path).toBe('/talks/new')
  })
  // ---- end 考核

  // ---- findings and clues
  const withInquiry = () =>
    vi.mocked(api.talkOptions).mockResolvedValue({ kinds: ['监督谈话', '约谈', '谈话函询'], focus_areas: [], sources: ['信访举报'] })
  it('from a clue\'s 登记谈话函询 fills a 谈话函询 of the clue\'s person and carries the clue into the saved talk', async () => {
    withInquiry()
    vi.mocked(api.personDetail).mockResolvedValue({ person: { id: 'p-9', name: '杨超' }, positions: [] } as unknown as PersonDetail)
    vi.mocked(api.talkSave).mockResolvedValue({ talk: { id: 't-13' } } as Awaited<ReturnType<typeof api.talkSave>>)
    const { wrapper, router } = await mountAt('/talks/new?kind=谈话函询&source=问题线索处置&clue=c-3&person=p-9')
    expect(wrapper.find('[data-testid=talk-form-clue]').exists()).toBe(true)
    await wrapper.find('[data-testid=talk-form-save]').trigger('click')
    await flushPromises()
    const input = vi.mocked(api.talkSave).mock.calls[0][0]
    expect([input.kind, input.source, input.clue_id]).toEqual(['谈话函询', '问题线索处置', 'c-3'])
    expect(input.subjects).toEqual([{ person_id: 'p-9', unit_id: null }])
    expect(router.currentRoute.value.path).toBe('/talks/t-13')
  })

  it('shows the core\'s refusal of a second talk for the clue under 关联线索', async () => {
    withInquiry()
    const refusal = coreError('talk_clue_already_linked')
    vi.mocked(api.personDetail).mockResolvedValue({ person: { id: 'p-9', name: '杨超' }, positions: [] } as unknown as PersonDetail)
    vi.mocked(api.talkSave).mockRejectedValue(refusal)
    const { wrapper, router } = await mountAt('/talks/new?kind=谈话函询&clue=c-3&person=p-9')
    await wrapper.find('[data-testid=talk-form-save]').trigger('click')
    await settle()
    expect(formItemText(wrapper, 'talk-form-clue')).toContain(refusal.message)
    expect(router.currentRoute.value.path).toBe('/talks/new')
  })
  // ---- end findings and clues
})
