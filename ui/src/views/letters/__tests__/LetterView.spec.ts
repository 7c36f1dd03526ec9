import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import LetterView from '../LetterView.vue'
import * as api from '../../../api'
import type { Letter, LetterDetail } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }
const PdfStub = { props: ['data'], template: '<div data-testid="pdf-stub">{{ data ? "pdf" : "" }}</div>' }

function letter(over: Partial<Letter> = {}): Letter {
  return {
    id: 'l-1', kind: '提醒函', template_id: 't-1', number: null, code: '', year: null, seq: null,
    title: '关于落实党风廉政建设“两个责任”的提醒函', recipient_unit_id: 'u-1', recipient_person_id: 'p-1',
    recipient: '县民政局党组', body: '正文', cc: [], contact: '', signed_date: null, reply_due_workdays: 15,
    reply_due_date: null, due_estimated: false, delivered_date: null, replied_date: null, reply_number: '',
    reply_summary: '', closed_date: null, state: '草稿', batch_id: null, follow_up_of: null, meta, ...over,
  }
}

function detail(l: Letter, over: Partial<LetterDetail> = {}): LetterDetail {
  return {
    letter: l, unit_name: '云溪县民政局', person_name: '钟家乐', template_name: '落实“两个责任”提醒函', items: [],
    follow_ups: [], original: null, batch: [], overdue: false, days_left: null, voided: false, ...over,
  }
}

async function mountAt(d: LetterDetail) {
  vi.mocked(api.letterDetail).mockResolvedValue(d)
  const router = testRouter()
  await router.push(`/letters/${d.letter.id}`)
  const wrapper = mount(LetterView, { global: { plugins: [router], stubs: { PdfPreview: PdfStub } }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

const itemOf = (testid: string) => document.querySelector(`[data-testid=${testid}]`)!.closest('.el-form-item')!
const visible = (w: ReturnType<typeof mount>, id: string) => w.find(`[data-testid=${id}]`).exists()

describe('函件页', () => {
  beforeEach(() => {
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 3, today: '2026-01-05', is_empty: false,
    })
    vi.mocked(api.letterOptions).mockReset().mockResolvedValue({
      kinds: ['提醒函'], states: [], templates: [], presets: [], fields: [], agency_code: '云纪函', next_number: '云纪函〔2026〕3号',
    })
    vi.mocked(api.letterPdfPreview).mockReset().mockResolvedValue(new ArrayBuffer(8))
    vi.mocked(api.letterNumberPreview).mockReset().mockImplementation(async (date: string, count: number) => {
      const year = Number(date.slice(0, 4))
      const first = year === 2026 ? 3 : 1
      return { year, first: `云纪函〔${year}〕${first}号`, last: `云纪函〔${year}〕${first + count - 1}号`, count }
    })
    vi.mocked(api.auditTrail).mockReset().mockResolvedValue([])
    vi.mocked(api.letterReply).mockReset()
    vi.mocked(api.letterClose).mockReset()
    vi.mocked(api.letterSign).mockReset()
    vi.mocked(api.letterDeliver).mockReset()
    vi.mocked(api.letterFollowUp).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('a draft offers 修改 and 签发, tells the number it will get, and signs on the chosen date', async () => {
    const { wrapper } = await mountAt(detail(letter()))
    expect(wrapper.find('[data-testid=letter-number]').text()).toBe('草稿（签发时编号）')
    expect(wrapper.text()).toContain('签发后文号将为 云纪函〔2026〕3号')
    expect(visible(wrapper, 'letter-edit')).toBe(true)
    expect(visible(wrapper, 'letter-deliver')).toBe(false)
    expect(visible(wrapper, 'letter-export')).toBe(false)
    expect(wrapper.find('[data-testid=pdf-stub]').text()).toBe('pdf')

    const signed = detail(letter({ state: '已签发', number: '云纪函〔2026〕3号', signed_date: '2026-01-06' }))
    vi.mocked(api.letterSign).mockResolvedValue(signed)
    vi.mocked(api.letterDetail).mockResolvedValue(signed)
    await wrapper.find('[data-testid=letter-sign]').trigger('click')
    await settle()
    const box = document.querySelector('[data-testid=letter-step-date]') as HTMLElement
    const date = (box.matches('input') ? box : box.querySelector('input')) as HTMLInputElement
    expect(date.value).toBe('2026-01-05')
    ;(document.querySelector('[data-testid=letter-step-save]') as HTMLElement).click()
    await settle()
    expect(api.letterSign).toHaveBeenCalledWith('l-1', '2026-01-05')
    expect(wrapper.find('[data-testid=letter-number]').text()).toBe('云纪函〔2026〕3号')
    expect(visible(wrapper, 'letter-deliver')).toBe(true)
    expect(visible(wrapper, 'letter-edit')).toBe(false)
  })

  it('a refused step keeps the dialog open and shows the reason under the date', async () => {
    const { wrapper } = await mountAt(detail(letter({ state: '已签发', number: '云纪函〔2026〕3号', signed_date: '2026-01-05' })))
    const refusal = coreError('letter_deliver_bad_date')
    vi.mocked(api.letterDeliver).mockRejectedValue(refusal)
    await wrapper.find('[data-testid=letter-deliver]').trigger('click')
    await settle()
    ;(document.querySelector('[data-testid=letter-step-save]') as HTMLElement).click()
    await settle()
    expect(itemOf('letter-step-date').textContent).toContain(refusal.message)
    expect(document.querySelector('[data-testid=letter-step-save]')).not.toBeNull()
  })

  it('a refused reply shows each reason under its own field', async () => {
    const l = letter({ state: '已送达', number: '云纪函〔2026〕3号', signed_date: '2026-01-05', delivered_date: '2026-01-05' })
    const { wrapper } = await mountAt(detail(l))
    for (const [name, testid] of [
      ['letter_reply_empty_summary', 'letter-step-summary'],
      ['letter_reply_bad_number', 'letter-step-reply-number'],
      ['letter_reply_bad_date', 'letter-step-date'],
    ] as const) {
      const refusal = coreError(name)
      vi.mocked(api.letterReply).mockRejectedValue(refusal)
      await wrapper.find('[data-testid=letter-reply]').trigger('click')
      await settle()
      ;(document.querySelector('[data-testid=letter-step-save]') as HTMLElement).click()
      await settle()
      expect(itemOf(testid).textContent, name).toContain(refusal.message)
    }
  })

  it('a refused 销号 shows the reason under 销号日期', async () => {
    const l = letter({ state: '已回复', number: '云纪函〔2026〕3号', signed_date: '2026-01-05', delivered_date: '2026-01-05', replied_date: '2026-01-05' })
    const { wrapper } = await mountAt(detail(l))
    const refusal = coreError('letter_close_before_reply')
    vi.mocked(api.letterClose).mockRejectedValue(refusal)
    await wrapper.find('[data-testid=letter-close]').trigger('click')
    await settle()
    ;(document.querySelector('[data-testid=letter-step-save]') as HTMLElement).click()
    await settle()
    expect(itemOf('letter-step-date').textContent).toContain(refusal.message)
  })

  it('the 签发 dialog shows the number for the chosen date, and a refusal with no field of the dialog in an alert', async () => {
    const { wrapper } = await mountAt(detail(letter()))
    await wrapper.find('[data-testid=letter-sign]').trigger('click')
    await settle()
    expect(document.querySelector('[data-testid=letter-sign-number]')!.textContent).toContain('云纪函〔2026〕3号')
    const picker = wrapper.findAllComponents({ name: 'ElDatePicker' }).find((c) => c.element.closest?.('[data-testid=letter-step-date]') || document.querySelector('[data-testid=letter-step-date]')!.contains(c.element))!
    picker.vm.$emit('update:modelValue', '2027-01-04')
    await settle()
    expect(api.letterNumberPreview).toHaveBeenLastCalledWith('2027-01-04', 1)
    expect(document.querySelector('[data-testid=letter-sign-number]')!.textContent).toContain('云纪函〔2027〕1号')

    const refusal = coreError('letter_sign_future_date')
    vi.mocked(api.letterSign).mockRejectedValue(refusal)
    ;(document.querySelector('[data-testid=letter-step-save]') as HTMLElement).click()
    await settle()
    expect(itemOf('letter-step-date').textContent).toContain(refusal.message)

    vi.mocked(api.letterSign).mockRejectedValue({ code: 'invalid', field: 'agency_code', message: '尚未设置机关代字：请先在“设置—本机关”中填写机关代字（如“宣纪函”），签发时据此编号' })
    ;(document.querySelector('[data-testid=letter-step-save]') as HTMLElement).click()
    await settle()
    expect(document.querySelector('[data-testid=letter-step-error]')!.textContent).toContain('尚未设置机关代字')
  })

  it('shows the letter\'s 修改记录 from the audit log', async () => {
    vi.mocked(api.auditTrail).mockResolvedValue([
      { id: 2, at: '2026-01-05 10:00:00', actor: '王敏', action: 'sign', entity: 'letter', entity_id: 'l-1', before: null, after: null },
      { id: 1, at: '2026-01-04 09:00:00', actor: '王敏', action: 'create', entity: 'letter', entity_id: 'l-1', before: null, after: null },
    ])
    const { wrapper } = await mountAt(detail(letter({ state: '已签发', number: '云纪函〔2026〕3号', signed_date: '2026-01-05' })))
    await settle()
    expect(api.auditTrail).toHaveBeenCalledWith('letter', 'l-1')
    const rows = wrapper.findAll('[data-testid=letter-audit] li').map((li) => li.text())
    expect(rows[0]).toContain('签发')
    expect(rows[0]).toContain('王敏')
    expect(rows[1]).toContain('新增')
    expect(wrapper.text()).toContain('修改记录（2）')
  })

  it('an overdue letter says 逾期未复 with the days, and 催办 opens the new draft', async () => {
    const l = letter({ state: '已送达', number: '云纪函〔2026〕3号', signed_date: '2026-01-05', delivered_date: '2026-01-05', reply_due_date: '2026-01-26' })
    const { wrapper, router } = await mountAt(detail(l, { overdue: true, days_left: -49 }))
    expect(wrapper.find('[data-testid=letter-overdue]').text()).toBe('逾期未复')
    expect(wrapper.text()).toContain('逾期 49 天')
    vi.mocked(api.letterFollowUp).mockResolvedValue(detail(letter({ id: 'l-2', kind: '督办函', follow_up_of: 'l-1' })))
    await wrapper.find('[data-testid=letter-follow-up]').trigger('click')
    await settle()
    ;(document.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click()
    await settle()
    expect(api.letterFollowUp).toHaveBeenCalledWith('l-1')
    expect(router.currentRoute.value.fullPath).toBe('/letters/l-2')
  })

  it('a voided letter keeps its number, shows 已作废 and offers only 恢复', async () => {
    const l = letter({ state: '已签发', number: '云纪函〔2026〕1号', meta: { ...meta, voided_at: '2026-01-05 10:00:00', void_reason: '收件单位有误' } })
    const { wrapper } = await mountAt(detail(l, { voided: true }))
    expect(wrapper.find('[data-testid=letter-number]').text()).toBe('云纪函〔2026〕1号')
    expect(wrapper.find('[data-testid=letter-state]').text()).toBe('已作废')
    expect(wrapper.text()).toContain('收件单位有误')
    expect(visible(wrapper, 'letter-restore')).toBe(true)
    expect(visible(wrapper, 'letter-deliver')).toBe(false)
    expect(visible(wrapper, 'letter-void')).toBe(false)
  })
})
