import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, type PropType } from 'vue'
import BatchView from '../BatchView.vue'
import * as api from '../../../api'
import type { Letter, LetterOptions, LetterTemplate, RecipientChoice } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle, deferred } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

// pdf.js does not run in jsdom: the preview shows how many bytes it was given.
const PdfPreviewStub = defineComponent({
  props: { data: { type: Object as PropType<ArrayBuffer | null>, default: null } },
  setup: (props) => () => h('div', { 'data-testid': 'pdf-stub', 'data-bytes': props.data ? props.data.byteLength : 0 }),
})

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }

function tpl(id: string, name: string): LetterTemplate {
  return { id, kind: '提醒函', name, title: `关于${name}的函`, body: '{收件人}：', cc: [], reply_workdays: 10, builtin: true, meta }
}

function options(over: Partial<LetterOptions> = {}): LetterOptions {
  return {
    kinds: ['提醒函', '督办函'],
    states: [],
    templates: [tpl('t1', '落实“两个责任”提醒函'), tpl('t2', '节前廉洁提醒函')],
    presets: ['全部一把手', '乡镇党委书记'],
    fields: [],
    agency_code: '宣纪函',
    next_number: '宣纪函〔2026〕8号',
    ...over,
  }
}

const towns: RecipientChoice[] = [
  { unit_id: 'u1', person_id: 'p1', label: '城关镇党委 书记 杨超' },
  { unit_id: 'u2', person_id: 'p2', label: '河口镇党委 书记 韩波' },
  { unit_id: 'u3', person_id: 'p3', label: '石门乡党委 书记 单丽华' },
]

function letter(id: string, seq: number, recipient: string): Letter {
  return {
    id, kind: '提醒函', template_id: 't1', number: `宣纪函〔2026〕${seq}号`, code: '宣纪函', year: 2026, seq, title: '关于落实“两个责任”的提醒函',
    recipient_unit_id: null, recipient_person_id: null, recipient, body: '', cc: [], contact: '', signed_date: '2026-04-20',
    reply_due_workdays: 10, reply_due_date: null, due_estimated: false, delivered_date: null, replied_date: null,
    reply_number: '', reply_summary: '', closed_date: null, state: '已签发', batch_id: 'b1', follow_up_of: null, meta,
  }
}

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const recipients = (w: VueWrapper) => w.findAll('[data-testid=batch-recipient]').map((r) => r.text())
const select = (w: VueWrapper, testid: string) =>
  w.findAllComponents({ name: 'ElSelect' }).find((c) => c.element.closest(`[data-testid=${testid}]`))!
// The newest box: a closed one lingers in the page while it fades out.
const confirmButton = () => [...document.body.querySelectorAll('.el-message-box__btns .el-button--primary')].pop() as HTMLElement | null

async function mountBatch(path = '/letters/batch?template=t1') {
  const router = testRouter()
  await router.push(path)
  const wrapper = mount(BatchView, { global: { plugins: [router], stubs: { PdfPreview: PdfPreviewStub } }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

async function loadTowns(w: VueWrapper) {
  select(w, 'batch-preset').vm.$emit('update:modelValue', '乡镇党委书记')
  await flushPromises()
}

async function signAndConfirm(w: VueWrapper) {
  await w.find('[data-testid=batch-sign]').trigger('click')
  await settle()
  confirmButton()!.click()
  await settle()
}

describe('批量签发', () => {
  beforeEach(() => {
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 3, today: '2026-04-20', is_empty: false,
    })
    vi.mocked(api.letterOptions).mockReset().mockResolvedValue(options())
    vi.mocked(api.letterRecipients).mockReset().mockResolvedValue(towns)
    vi.mocked(api.letterFields).mockReset()
    vi.mocked(api.lettersSignBatch).mockReset()
    // As the core numbers: 8 is next in 2026, a later year starts at 1.
    vi.mocked(api.letterNumberPreview).mockReset().mockImplementation(async (date: string, count: number) => {
      const year = Number(date.slice(0, 4))
      const first = year === 2026 ? 8 : 1
      return { year, first: `宣纪函〔${year}〕${first}号`, last: `宣纪函〔${year}〕${first + count - 1}号`, count }
    })
    vi.mocked(api.letterPdfPreview).mockReset()
    vi.mocked(api.letterPdfSave).mockReset()
    vi.mocked(api.choosePdfPath).mockReset()
    vi.mocked(api.chooseFolder).mockReset()
    vi.mocked(api.openPath).mockReset().mockResolvedValue(undefined)
    vi.mocked(api.peopleSearch).mockReset().mockResolvedValue({
      rows: [{ id: 'p9', name: '周建国', gender: null, birth_date: null, current_titles: '县医保局 局长', is_head: true, voided_at: null, sanction_until: null, sanction_flag: null }],
      total: 1,
    })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('takes the template from the link and today as the signing date', async () => {
    const { wrapper } = await mountBatch()
    expect(select(wrapper, 'batch-template').props('modelValue')).toBe('t1')
    expect(wrapper.find('[data-testid=batch-template-info]').text()).toContain('关于落实“两个责任”提醒函的函')
    expect(($('[data-testid=batch-date] input') as HTMLInputElement).value).toBe('2026-04-20')
    expect(wrapper.find('[data-testid=batch-count]').text()).toBe('已选 0 人')
    expect(wrapper.find('[data-testid=batch-sign]').attributes('disabled')).toBeDefined()
  })

  it('loads a preset with everyone checked, and signs only the checked ones on the chosen date', async () => {
    vi.mocked(api.lettersSignBatch).mockResolvedValue([letter('l8', 8, '杨超同志'), letter('l9', 9, '单丽华同志')])
    const { wrapper } = await mountBatch()
    await loadTowns(wrapper)
    expect(api.letterRecipients).toHaveBeenCalledWith('乡镇党委书记')
    expect(recipients(wrapper)).toEqual(['城关镇党委 书记 杨超', '河口镇党委 书记 韩波', '石门乡党委 书记 单丽华'])
    expect(wrapper.find('[data-testid=batch-count]').text()).toBe('已选 3 人')

    // The search box narrows the list; the count still counts everyone checked.
    await wrapper.find('[data-testid=batch-search] input').setValue('韩波')
    expect(recipients(wrapper)).toEqual(['河口镇党委 书记 韩波'])
    await wrapper.find('[data-testid=batch-recipient-check] input').setValue(false)
    expect(wrapper.find('[data-testid=batch-count]').text()).toBe('已选 2 人')
    await wrapper.find('[data-testid=batch-search] input').setValue('')
    expect(recipients(wrapper)).toHaveLength(3)

    const picker = wrapper.findAllComponents({ name: 'ElDatePicker' }).find((c) => c.element.closest('[data-testid=batch-date]'))!
    picker.vm.$emit('update:modelValue', '2026-04-22')
    await flushPromises()

    await wrapper.find('[data-testid=batch-sign]').trigger('click')
    await settle()
    expect(api.lettersSignBatch).not.toHaveBeenCalled() // nothing happens before the clerk confirms
    expect(document.body.textContent).toContain('签发 2 件函，签发日期 2026-04-22')
    confirmButton()!.click()
    await settle()

    expect(api.lettersSignBatch).toHaveBeenCalledTimes(1)
    expect(api.lettersSignBatch).toHaveBeenCalledWith({
      template_id: 't1', base: null, date: '2026-04-22',
      recipients: [{ unit_id: 'u1', person_id: 'p1' }, { unit_id: 'u3', person_id: 'p3' }],
    })
    // The result: each number links to its letter.
    const numbers = wrapper.findAll('[data-testid=batch-result-number]')
    expect(numbers.map((n) => n.text())).toEqual(['宣纪函〔2026〕8号', '宣纪函〔2026〕9号'])
    expect(numbers[1].attributes('href')).toBe('/letters/l9')
    expect(wrapper.findAll('[data-testid=batch-result-recipient]').map((n) => n.text())).toEqual(['杨超同志', '单丽华同志'])
    expect(wrapper.find('[data-testid=batch-result-summary]').text()).toBe('已签发 2 件，文号 宣纪函〔2026〕8号 至 宣纪函〔2026〕9号')
    expect(wrapper.find('[data-testid=batch-sign]').exists()).toBe(false)
  })

  it('says which numbers the batch will take, as the core numbers them for the signing date', async () => {
    const { wrapper } = await mountBatch()
    expect(wrapper.find('[data-testid=batch-summary]').text()).toBe('尚未选择收件人')
    await loadTowns(wrapper)
    expect(api.letterNumberPreview).toHaveBeenLastCalledWith('2026-04-20', 3)
    expect(wrapper.find('[data-testid=batch-summary]').text()).toBe('将签发 3 件，文号自 宣纪函〔2026〕8号 起连续编号，至 宣纪函〔2026〕10号')
    await wrapper.findAll('[data-testid=batch-recipient-check] input')[0].setValue(false)
    await wrapper.findAll('[data-testid=batch-recipient-check] input')[1].setValue(false)
    await flushPromises()
    expect(wrapper.find('[data-testid=batch-summary]').text()).toBe('将签发 1 件，文号为 宣纪函〔2026〕8号')
    // Signed in another year, the numbers are that year's.
    const picker = wrapper.findAllComponents({ name: 'ElDatePicker' }).find((c) => c.element.closest('[data-testid=batch-date]'))!
    picker.vm.$emit('update:modelValue', '2027-01-04')
    await flushPromises()
    expect(api.letterNumberPreview).toHaveBeenLastCalledWith('2027-01-04', 1)
    expect(wrapper.find('[data-testid=batch-summary]').text()).toBe('将签发 1 件，文号为 宣纪函〔2027〕1号')
    await wrapper.find('[data-testid=batch-check-all]').trigger('click')
    expect(wrapper.find('[data-testid=batch-count]').text()).toBe('已选 3 人')
    await wrapper.find('[data-testid=batch-check-none]').trigger('click')
    expect(wrapper.find('[data-testid=batch-count]').text()).toBe('已选 0 人')
    expect(wrapper.find('[data-testid=batch-sign]').attributes('disabled')).toBeDefined()
  })

  it('refuses to sign until the 机关代字 is set, pointing to the settings', async () => {
    vi.mocked(api.letterOptions).mockResolvedValue(options({ agency_code: '', next_number: null }))
    const { wrapper } = await mountBatch()
    await loadTowns(wrapper)
    const alert = wrapper.find('[data-testid=batch-no-code]')
    expect(alert.text()).toContain('机关代字')
    expect(wrapper.find('[data-testid=batch-settings-link]').attributes('href')).toBe('/settings')
    expect(wrapper.find('[data-testid=batch-sign]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid=batch-blocker]').text()).toBe('尚未设置机关代字')
  })

  it('adds one more person by name to the recipients', async () => {
    vi.mocked(api.letterFields).mockResolvedValue([
      { name: '收件人', value: '周建国', description: '' },
      { name: '单位', value: '县医保局', description: '' },
      { name: '职务', value: '局长', description: '' },
    ])
    vi.mocked(api.lettersSignBatch).mockResolvedValue([letter('l8', 8, '周建国同志')])
    const { wrapper } = await mountBatch()
    const input = $('[data-testid=batch-add-person] input') ?? $('input[data-testid=batch-add-person]')
    input!.dispatchEvent(new FocusEvent('focus'))
    await flushPromises()
    ;([...document.body.querySelectorAll('[data-testid=person-option]')].find((o) => o.textContent?.includes('周建国')) as HTMLElement).click()
    await flushPromises()
    await wrapper.find('[data-testid=batch-add]').trigger('click')
    await flushPromises()
    expect(api.letterFields).toHaveBeenCalledWith(null, 'p9')
    expect(recipients(wrapper)).toEqual(['县医保局 局长 周建国'])
    expect(wrapper.find('[data-testid=batch-count]').text()).toBe('已选 1 人')

    // Loading a preset keeps the person added by hand.
    await loadTowns(wrapper)
    expect(recipients(wrapper)).toHaveLength(4)
    await wrapper.find('[data-testid=batch-check-none]').trigger('click')
    await wrapper.findAll('[data-testid=batch-recipient-check] input')[3].setValue(true)
    await signAndConfirm(wrapper)
    expect(api.lettersSignBatch).toHaveBeenCalledWith({
      template_id: 't1', base: null, date: '2026-04-20', recipients: [{ unit_id: null, person_id: 'p9' }],
    })
  })

  it('signs once however often the button is clicked, and shows a refusal without losing the list', async () => {
    const reply = deferred<Letter[]>()
    vi.mocked(api.lettersSignBatch).mockReturnValue(reply.promise)
    const { wrapper } = await mountBatch()
    await loadTowns(wrapper)
    await wrapper.find('[data-testid=batch-sign]').trigger('click')
    await settle()
    confirmButton()!.click()
    await flushPromises()
    await wrapper.find('[data-testid=batch-sign]').trigger('click')
    await settle()
    expect(api.lettersSignBatch).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid=batch-sign]').attributes('disabled')).toBeDefined()

    const refusal = coreError('batch_duplicate_recipient')
    reply.reject(refusal)
    await settle()
    expect(wrapper.find('[data-testid=batch-error]').text()).toContain(refusal.message)
    const item = $('[data-testid=batch-recipients]')!.closest('.el-form-item') as HTMLElement
    expect(item.querySelector('.el-form-item__error')?.textContent).toContain(refusal.message)
    expect(recipients(wrapper)).toHaveLength(3)
    expect(wrapper.find('[data-testid=batch-count]').text()).toBe('已选 3 人')
    expect(wrapper.find('[data-testid=batch-sign]').attributes('disabled')).toBeUndefined()
  })

  it('puts a refused recipient under the list and a refused date under 签发日期, as the core names them', async () => {
    const { wrapper } = await mountBatch()
    await loadTowns(wrapper)
    const listItem = () => $('[data-testid=batch-recipients]')!.closest('.el-form-item') as HTMLElement
    const dateItem = () => $('[data-testid=batch-date]')!.closest('.el-form-item') as HTMLElement

    const who = coreError('batch_unknown_recipient')
    vi.mocked(api.lettersSignBatch).mockRejectedValue(who)
    await signAndConfirm(wrapper)
    expect(listItem().querySelector('.el-form-item__error')?.textContent).toContain(who.message)

    const when = coreError('batch_future_date')
    vi.mocked(api.lettersSignBatch).mockRejectedValue(when)
    await signAndConfirm(wrapper)
    expect(dateItem().querySelector('.el-form-item__error')?.textContent).toContain(when.message)
    expect(listItem().querySelector('.el-form-item__error')).toBeNull()
  })

  it('previews and exports the signed letters as one PDF or one file each', async () => {
    vi.mocked(api.lettersSignBatch).mockResolvedValue([letter('l8', 8, '杨超同志'), letter('l9', 9, '韩波同志'), letter('l10', 10, '单丽华同志')])
    vi.mocked(api.letterPdfPreview).mockResolvedValue(new ArrayBuffer(99))
    vi.mocked(api.choosePdfPath).mockResolvedValue('/home/k/批量.pdf')
    vi.mocked(api.chooseFolder).mockResolvedValue('/home/k/函件')
    vi.mocked(api.letterPdfSave).mockImplementation(async (ids, path, each) => ({
      paths: each ? ids.map((id) => `${path}/${id}.pdf`) : [path],
    }))
    const { wrapper } = await mountBatch()
    await loadTowns(wrapper)
    await signAndConfirm(wrapper)
    const ids = ['l8', 'l9', 'l10']

    await wrapper.find('[data-testid=batch-preview]').trigger('click')
    await settle()
    expect(api.letterPdfPreview).toHaveBeenCalledWith(ids, null)
    expect(wrapper.find('[data-testid=pdf-stub]').attributes('data-bytes')).toBe('99')

    await wrapper.find('[data-testid=batch-export-one]').trigger('click')
    await settle()
    expect(api.choosePdfPath).toHaveBeenCalledWith('宣纪函〔2026〕8号至宣纪函〔2026〕10号.pdf')
    expect(api.letterPdfSave).toHaveBeenCalledWith(ids, '/home/k/批量.pdf', false)
    expect(wrapper.find('[data-testid=batch-saved-text]').text()).toContain('/home/k/批量.pdf')
    await wrapper.find('[data-testid=batch-open]').trigger('click')
    await flushPromises()
    expect(api.openPath).toHaveBeenCalledWith('/home/k/批量.pdf')

    await wrapper.find('[data-testid=batch-export-each]').trigger('click')
    await settle()
    expect(api.letterPdfSave).toHaveBeenLastCalledWith(ids, '/home/k/函件', true)
    expect(wrapper.find('[data-testid=batch-saved-text]').text()).toBe('已在 /home/k/函件 保存 3 个 PDF 文件')

    // Cancelling the save dialog writes nothing.
    vi.mocked(api.choosePdfPath).mockResolvedValue(null)
    await wrapper.find('[data-testid=batch-export-one]').trigger('click')
    await settle()
    expect(api.letterPdfSave).toHaveBeenCalledTimes(2)
  })
})
