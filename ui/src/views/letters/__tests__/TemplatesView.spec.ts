import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, type PropType } from 'vue'
import TemplatesView from '../TemplatesView.vue'
import * as api from '../../../api'
import type { LetterTemplate, LetterOptions } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

// pdf.js does not run in jsdom: the preview shows how many bytes it was given.
const PdfPreviewStub = defineComponent({
  props: { data: { type: Object as PropType<ArrayBuffer | null>, default: null } },
  setup: (props) => () => h('div', { 'data-testid': 'pdf-stub', 'data-bytes': props.data ? props.data.byteLength : 0 }),
})

const meta = (over: Partial<LetterTemplate['meta']> = {}) => ({
  created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null, ...over,
})

function tpl(id: string, name: string, over: Partial<LetterTemplate> = {}): LetterTemplate {
  return {
    id, kind: '提醒函', name, title: `关于${name}的函`, body: '{收件人}：\n请认真落实。', cc: [], reply_workdays: 10, builtin: false, meta: meta(), ...over,
  }
}

const twoDuties = () => tpl('t1', '落实“两个责任”提醒函', { builtin: true, cc: ['县委办公室'], reply_workdays: 15 })
const festival = () => tpl('t2', '节前廉洁提醒函', { reply_workdays: null })

function options(): LetterOptions {
  return {
    kinds: ['提醒函', '督办函', '提示函', '纪律检查建议书', '监察建议书'],
    states: [],
    templates: [twoDuties(), festival()],
    presets: ['全部一把手', '乡镇党委书记'],
    fields: [
      { name: '收件人', value: '', description: '收件人姓名' },
      { name: '单位', value: '', description: '收件单位名称' },
      { name: '问题', value: '', description: '发现的问题' },
    ],
    agency_code: '宣纪函',
    next_number: '宣纪函〔2026〕8号',
  }
}

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const rows = (w: VueWrapper) => w.findAll('[data-testid=template-row]').map((r) => r.text())
const formItem = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item') as HTMLElement

async function type(sel: string, text: string) {
  const el = $(sel) as HTMLInputElement | HTMLTextAreaElement
  el.value = text
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function mountView() {
  const router = testRouter()
  await router.push('/letters/templates')
  const wrapper = mount(TemplatesView, {
    global: { plugins: [router], stubs: { PdfPreview: PdfPreviewStub } },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router }
}

describe('函件模板', () => {
  beforeEach(() => {
    vi.mocked(api.letterOptions).mockReset().mockResolvedValue(options())
    vi.mocked(api.templatesList).mockReset().mockImplementation(async (voided) =>
      voided ? [tpl('t9', '旧模板', { meta: meta({ voided_at: '2026-01-05 10:00:00', void_reason: '已不适用' }) })] : [twoDuties(), festival()],
    )
    vi.mocked(api.templateSave).mockReset()
    vi.mocked(api.templateVoid).mockReset()
    vi.mocked(api.templateRestore).mockReset()
    vi.mocked(api.letterPdfPreview).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the live templates with kind, reply window and the 内置 tag', async () => {
    const { wrapper } = await mountView()
    expect(api.templatesList).toHaveBeenCalledWith(false)
    expect(rows(wrapper)).toEqual(['落实“两个责任”提醒函', '节前廉洁提醒函'])
    const trs = wrapper.findAll('.el-table__body tbody tr')
    expect(trs[0].find('[data-testid=template-row-kind]').text()).toBe('提醒函')
    expect(trs[0].find('[data-testid=template-builtin]').text()).toBe('内置')
    expect(trs[0].find('[data-testid=template-row-reply]').text()).toBe('15 个工作日内回复')
    expect(trs[1].find('[data-testid=template-builtin]').exists()).toBe(false)
    expect(trs[1].find('[data-testid=template-row-reply]').text()).toBe('不要求回复')
  })

  it('adds a template with exactly the fields typed', async () => {
    vi.mocked(api.templateSave).mockImplementation(async (input) => tpl('t3', input.name, { ...input, id: 't3' }))
    const { wrapper } = await mountView()
    await wrapper.find('[data-testid=template-new]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('新增函件模板')

    const kind = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.element.closest('[data-testid=template-kind]'))!
    kind.vm.$emit('update:modelValue', '督办函')
    await type('[data-testid=template-name] input', ' 约谈后督办函 ')
    await type('[data-testid=template-title] input', '关于督促抓好整改落实的函')
    await type('[data-testid=template-body] textarea', '{单位}：\n请于{回复期限}前报送整改情况。\n')
    $('[data-testid=template-cc-add]')!.click()
    await flushPromises()
    await type('[data-testid=template-cc-item] textarea', '县委组织部')
    const days = wrapper.findAllComponents({ name: 'ElInputNumber' }).find((c) => c.attributes('data-testid') === 'template-workdays' || c.element.closest('[data-testid=template-workdays]'))!
    days.vm.$emit('update:modelValue', 20)
    await flushPromises()

    vi.mocked(api.templatesList).mockResolvedValue([twoDuties(), festival(), tpl('t3', '约谈后督办函')])
    $('[data-testid=template-save]')!.click()
    await settle()

    expect(api.templateSave).toHaveBeenCalledTimes(1)
    expect(api.templateSave).toHaveBeenCalledWith({
      id: null, kind: '督办函', name: '约谈后督办函', title: '关于督促抓好整改落实的函',
      body: '{单位}：\n请于{回复期限}前报送整改情况。', cc: ['县委组织部'], reply_workdays: 20,
    })
    expect(rows(wrapper)).toEqual(['落实“两个责任”提醒函', '节前廉洁提醒函', '约谈后督办函'])
  })

  it('edits a template, sends 不要求回复 as no reply window, and shows a server error under its field keeping the text', async () => {
    vi.mocked(api.templateSave).mockRejectedValue({ code: 'invalid', message: '标题不能超过100个字', field: 'title' })
    const { wrapper } = await mountView()
    await wrapper.findAll('[data-testid=template-edit]')[0].trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('编辑模板：落实“两个责任”提醒函')
    expect(($('[data-testid=template-title] input') as HTMLInputElement).value).toBe('关于落实“两个责任”提醒函的函')

    await type('[data-testid=template-title] input', '很长的标题')
    ;($('[data-testid=template-reply-none] input') as HTMLInputElement).click()
    await flushPromises()
    $('[data-testid=template-save]')!.click()
    await settle()

    expect(api.templateSave).toHaveBeenCalledWith({
      id: 't1', kind: '提醒函', name: '落实“两个责任”提醒函', title: '很长的标题',
      body: '{收件人}：\n请认真落实。', cc: ['县委办公室'], reply_workdays: null,
    })
    expect(formItem('template-title').querySelector('.el-form-item__error')?.textContent).toContain('标题不能超过100个字')
    // The dialog stays open with what was typed.
    expect($('[data-testid=template-save]')).not.toBeNull()
    expect(($('[data-testid=template-title] input') as HTMLInputElement).value).toBe('很长的标题')
  })

  it('lists the placeholders with their descriptions and inserts one at the cursor', async () => {
    const { wrapper } = await mountView()
    await wrapper.find('[data-testid=template-new]').trigger('click')
    await flushPromises()
    const help = $('[data-testid=template-fields]')!
    expect(help.textContent).toContain('{收件人}')
    expect(help.textContent).toContain('收件单位名称')

    await type('[data-testid=template-body] textarea', '：\n请认真落实。')
    const area = $('[data-testid=template-body] textarea') as HTMLTextAreaElement
    area.focus()
    area.setSelectionRange(0, 0)
    const buttons = [...document.body.querySelectorAll('[data-testid=template-field]')] as HTMLElement[]
    buttons.find((b) => b.textContent === '{单位}')!.click()
    await flushPromises()
    expect(area.value).toBe('{单位}：\n请认真落实。')
    // The cursor is after the inserted field, so a second click follows it.
    buttons.find((b) => b.textContent === '{收件人}')!.click()
    await flushPromises()
    expect(area.value).toBe('{单位}{收件人}：\n请认真落实。')
  })

  it('previews a letter from the form as typed', async () => {
    vi.mocked(api.letterPdfPreview).mockResolvedValue(new ArrayBuffer(42))
    const { wrapper } = await mountView()
    await wrapper.findAll('[data-testid=template-edit]')[1].trigger('click')
    await flushPromises()
    await type('[data-testid=template-body] textarea', '{收件人}：\n节日期间严守纪律。')
    $('[data-testid=template-preview]')!.click()
    await settle()
    expect(api.letterPdfPreview).toHaveBeenCalledWith(null, {
      id: null, kind: '提醒函', template_id: 't2', title: '关于节前廉洁提醒函的函',
      recipient_unit_id: null, recipient_person_id: null, recipient: '（收件单位）',
      body: '{收件人}：\n节日期间严守纪律。', cc: [], contact: '', reply_due_date: null, reply_due_workdays: null,
    })
    expect($('[data-testid=pdf-stub]')?.dataset.bytes).toBe('42')
    expect(api.templateSave).not.toHaveBeenCalled()
  })

  it('voids a template only with a reason, and restores it from 已作废', async () => {
    vi.mocked(api.templateVoid).mockResolvedValue(festival())
    vi.mocked(api.templateRestore).mockResolvedValue(festival())
    const { wrapper } = await mountView()
    await wrapper.findAll('[data-testid=template-void]')[1].trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('作废模板“节前廉洁提醒函”')
    $('[data-testid=void-confirm]')!.click()
    await settle()
    expect(api.templateVoid).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('请填写作废原因')

    await type('[data-testid=void-reason] textarea', '已合并到新模板')
    $('[data-testid=void-confirm]')!.click()
    await settle()
    expect(api.templateVoid).toHaveBeenCalledWith('t2', '已合并到新模板')

    const sw = wrapper.findAllComponents({ name: 'ElSwitch' })[0]
    sw.vm.$emit('update:modelValue', true)
    await flushPromises()
    expect(api.templatesList).toHaveBeenLastCalledWith(true)
    expect(rows(wrapper)).toEqual(['旧模板'])
    expect(wrapper.find('[data-testid=template-row-void-reason]').text()).toBe('已不适用')
    expect(wrapper.find('[data-testid=template-new]').exists()).toBe(false)
    await wrapper.find('[data-testid=template-restore]').trigger('click')
    await settle()
    expect(api.templateRestore).toHaveBeenCalledWith('t9')
  })

  it('starts a letter or a batch from a template', async () => {
    const { wrapper, router } = await mountView()
    await wrapper.findAll('[data-testid=template-draft]')[0].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/letters/new?template=t1')
    await wrapper.findAll('[data-testid=template-batch]')[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/letters/batch?template=t2')
  })
})
