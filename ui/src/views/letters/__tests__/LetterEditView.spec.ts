import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import LetterEditView from '../LetterEditView.vue'
import PersonPicker from '../../../components/PersonPicker.vue'
import * as api from '../../../api'
import type { LetterInput, LetterDetail, PersonDetail } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }
const PdfStub = { props: ['data'], template: '<div data-testid="pdf-stub" />' }
const template = {
  id: 't-1', kind: '提醒函' as const, name: '落实“两个责任”提醒函', title: '关于落实“两个责任”的提醒函', body: '{单位}：', cc: [],
  reply_workdays: 15, builtin: true, meta,
}

function filled(over: Partial<LetterInput> = {}): LetterInput {
  return {
    id: null, kind: '提醒函', template_id: 't-1', title: '关于落实“两个责任”的提醒函', recipient_unit_id: 'u-1',
    recipient_person_id: 'p-1', recipient: '县民政局党组', body: '第一段\n一、第二段', cc: ['县委组织部'],
    contact: '联系人：王䶮，联系电话：0563-1234567', reply_due_date: null, reply_due_workdays: 15, ...over,
  }
}

async function mountAt(path: string) {
  const router = testRouter()
  await router.push(path)
  const wrapper = mount(LetterEditView, { global: { plugins: [router], stubs: { PdfPreview: PdfStub } }, attachTo: document.body })
  await flushPromises()
  await settle()
  return { wrapper, router }
}

describe('起草函件', () => {
  beforeEach(() => {
    vi.mocked(api.letterOptions).mockReset().mockResolvedValue({
      kinds: ['提醒函', '督办函'], states: [], templates: [template], presets: [], fields: [], agency_code: '云纪函', next_number: null,
    })
    vi.mocked(api.unitsList).mockReset().mockResolvedValue([])
    vi.mocked(api.peopleSearch).mockReset().mockResolvedValue({ rows: [], total: 0 })
    vi.mocked(api.personDetail).mockReset().mockResolvedValue({ person: { id: 'p-1', name: '钟家乐' } } as PersonDetail)
    vi.mocked(api.letterFill).mockReset()
    vi.mocked(api.letterSave).mockReset()
    vi.mocked(api.letterPdfPreview).mockReset().mockResolvedValue(new ArrayBuffer(8))
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('from a person page fills the template for that person, previews it, and saves exactly the form', async () => {
    vi.mocked(api.letterFill).mockResolvedValue(filled())
    vi.mocked(api.letterSave).mockResolvedValue({ letter: { id: 'l-9' } } as LetterDetail)
    const { wrapper, router } = await mountAt('/letters/new?person=p-1&template=t-1')
    expect(api.letterFill).toHaveBeenCalledWith('t-1', null, 'p-1')
    expect(api.letterPdfPreview).toHaveBeenCalledWith(null, expect.objectContaining({ title: '关于落实“两个责任”的提醒函' }))
    expect((wrapper.find('[data-testid=letter-recipient]').element as HTMLInputElement).value).toBe('县民政局党组')

    await wrapper.find('[data-testid=letter-body]').setValue('第一段\n一、第二段\n二、第三段')
    await wrapper.find('[data-testid=letter-save]').trigger('click')
    await settle()
    expect(api.letterSave).toHaveBeenCalledWith(filled({ body: '第一段\n一、第二段\n二、第三段' }))
    expect(router.currentRoute.value.fullPath).toBe('/letters/l-9')
  })

  it('names the fields the records could not fill, and 不要求回复 sends no reply window', async () => {
    vi.mocked(api.letterFill).mockResolvedValue(filled({ body: '请于{回复期限}前报送{问题}整改情况。' }))
    vi.mocked(api.letterSave).mockResolvedValue({ letter: { id: 'l-9' } } as LetterDetail)
    const { wrapper } = await mountAt('/letters/new?person=p-1&template=t-1')
    expect(wrapper.find('[data-testid=letter-unfilled]').text()).toContain('{回复期限}、{问题}')
    const none = wrapper.findAll('[data-testid=letter-reply-mode] input').at(2)!
    await none.setValue(true)
    await wrapper.find('[data-testid=letter-save]').trigger('click')
    await settle()
    expect(api.letterSave).toHaveBeenCalledWith(expect.objectContaining({ reply_due_workdays: null, reply_due_date: null }))
  })

  it('shows each refusal of the core under its field and stays on the form', async () => {
    vi.mocked(api.letterFill).mockResolvedValue(filled())
    const { wrapper, router } = await mountAt('/letters/new?person=p-1&template=t-1')
    for (const [name, testid] of [
      ['letter_save_title_newline', 'letter-title'],
      ['letter_save_unknown_recipient', 'letter-person'],
      ['letter_save_bad_workdays', 'letter-reply-mode'],
    ] as const) {
      const refusal = coreError(name)
      vi.mocked(api.letterSave).mockRejectedValue(refusal)
      await wrapper.find('[data-testid=letter-save]').trigger('click')
      await settle()
      const item = wrapper.find(`[data-testid=${testid}]`).element.closest('.el-form-item') as HTMLElement
      expect(item.textContent, name).toContain(refusal.message)
    }
    expect(router.currentRoute.value.fullPath).toContain('/letters/new')
  })

  it('shows a refusal about no field of the form at the top', async () => {
    vi.mocked(api.letterFill).mockResolvedValue(filled())
    vi.mocked(api.letterSave).mockRejectedValue({ code: 'conflict', message: '该函件已签发（云纪函〔2026〕3号），不能再修改；如需更正，请作废后重新起草', field: null })
    const { wrapper } = await mountAt('/letters/new?person=p-1&template=t-1')
    await wrapper.find('[data-testid=letter-save]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid=letter-form-error]').text()).toContain('该函件已签发')
  })

  it('fills the letter as soon as a recipient is picked, and later picks wait for 按模板重新填写', async () => {
    vi.mocked(api.letterFill).mockResolvedValue(filled())
    const { wrapper } = await mountAt('/letters/new')
    expect(api.letterFill).not.toHaveBeenCalled()
    wrapper.findComponent(PersonPicker).vm.$emit('update:modelValue', 'p-1')
    await settle()
    expect(api.letterFill).toHaveBeenCalledTimes(1)
    expect(api.letterFill).toHaveBeenCalledWith('t-1', null, 'p-1')
    expect((wrapper.find('[data-testid=letter-recipient]').element as HTMLInputElement).value).toBe('县民政局党组')

    await wrapper.find('[data-testid=letter-recipient]').setValue('县民政局党组（改）')
    wrapper.findComponent(PersonPicker).vm.$emit('update:modelValue', 'p-2')
    await settle()
    expect(api.letterFill).toHaveBeenCalledTimes(1)
    expect((wrapper.find('[data-testid=letter-recipient]').element as HTMLInputElement).value).toBe('县民政局党组（改）')
  })
})
