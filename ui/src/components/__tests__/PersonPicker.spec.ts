import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import PersonPicker from '../PersonPicker.vue'
import * as api from '../../api'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

describe('人员选择', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('says the search failed instead of showing an empty list', async () => {
    vi.mocked(api.peopleSearch).mockReset().mockRejectedValue({ code: 'database', message: '数据库错误：disk I/O error', field: null })
    mount(PersonPicker, { props: { modelValue: null, testid: 'picker' }, attachTo: document.body })
    await flushPromises()
    const input = (document.querySelector('[data-testid=picker] input') ?? document.querySelector('input[data-testid=picker]')) as HTMLInputElement
    input.dispatchEvent(new FocusEvent('focus'))
    input.click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    expect(api.peopleSearch).toHaveBeenCalled()
    expect(document.querySelector('[data-testid=person-picker-error]')?.textContent).toContain('数据库错误：disk I/O error')
  })
})
