import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import PdfDialog from '../PdfDialog.vue'
import * as api from '../../api'
import { settle } from '../../test/mockApi'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const PdfStub = { props: ['data'], template: '<div data-testid="pdf-stub">{{ data ? data.byteLength : "none" }}</div>' }
const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null

async function open(save: (path: string) => Promise<string>) {
  const load = vi.fn().mockResolvedValue(new ArrayBuffer(16))
  const wrapper = mount(PdfDialog, {
    props: { modelValue: true, title: '谈话记录表', defaultName: '谈话记录表-2024-09-27.pdf', load, save },
    global: { stubs: { PdfPreview: PdfStub } },
    attachTo: document.body,
  })
  await flushPromises()
  await settle()
  return { wrapper, load }
}

describe('PDF 对话框', () => {
  beforeEach(() => {
    vi.mocked(api.choosePdfPath).mockReset()
    vi.mocked(api.openPath).mockReset().mockResolvedValue(undefined)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the PDF, saves it where the clerk chose, then opens it to print', async () => {
    const save = vi.fn().mockResolvedValue('/home/u/谈话记录表-2024-09-27.pdf')
    const { load } = await open(save)
    expect(load).toHaveBeenCalledTimes(1)
    expect($('[data-testid=pdf-stub]')!.textContent).toBe('16')
    expect($('[data-testid=pdf-open]')).toBeNull()

    vi.mocked(api.choosePdfPath).mockResolvedValue('/home/u/谈话记录表-2024-09-27.pdf')
    $('[data-testid=pdf-save]')!.click()
    await settle()
    expect(api.choosePdfPath).toHaveBeenCalledWith('谈话记录表-2024-09-27.pdf')
    expect(save).toHaveBeenCalledWith('/home/u/谈话记录表-2024-09-27.pdf')
    $('[data-testid=pdf-open]')!.click()
    await settle()
    expect(api.openPath).toHaveBeenCalledWith('/home/u/谈话记录表-2024-09-27.pdf')
  })

  it('writes nothing when the clerk cancels the save dialog', async () => {
    const save = vi.fn()
    await open(save)
    vi.mocked(api.choosePdfPath).mockResolvedValue(null)
    $('[data-testid=pdf-save]')!.click()
    await settle()
    expect(save).not.toHaveBeenCalled()
    expect($('[data-testid=pdf-open]')).toBeNull()
  })

  it('says why there is no preview when the PDF cannot be made', async () => {
    const load = vi.fn().mockRejectedValue({ code: 'io', message: '文件读写错误：找不到字体 仿宋', field: null })
    mount(PdfDialog, {
      props: { modelValue: true, title: '谈话记录表', defaultName: 'x.pdf', load, save: vi.fn() },
      global: { stubs: { PdfPreview: PdfStub } },
      attachTo: document.body,
    })
    await settle()
    expect($('[data-testid=pdf-load-error]')?.textContent).toContain('找不到字体 仿宋')
  })
})
