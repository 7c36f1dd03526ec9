import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import SanctionKindsCard from '../SanctionKindsCard.vue'
import * as api from '../../../api'
import type { SanctionKindName } from '../../../api'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const stored: SanctionKindName[] = [
  { category: '党纪处分', kind: '警告', name: '' },
  { category: '党纪处分', kind: '严重警告', name: '党内严重警告' },
  { category: '政务处分', kind: '警告', name: '' },
]

describe('处分种类显示名称', () => {
  beforeEach(() => {
    vi.mocked(api.sanctionKindNames).mockReset().mockResolvedValue(stored.map((r) => ({ ...r })))
    vi.mocked(api.sanctionKindNamesSave).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists every kind with its display name, the kind itself as the placeholder, and saves the names trimmed', async () => {
    vi.mocked(api.sanctionKindNamesSave).mockImplementation(async (names) => names)
    const wrapper = mount(SanctionKindsCard, { attachTo: document.body })
    await flushPromises()
    const input = (i: number) => wrapper.find(`[data-testid=sanction-kind-name-${i}] input`)
    expect((input(1).element as HTMLInputElement).value).toBe('党内严重警告')
    expect(input(2).attributes('placeholder')).toBe('警告')
    await input(0).setValue(' 党内警告 ')
    await input(2).setValue('政务警告')
    await wrapper.find('[data-testid=sanction-kind-names-save]').trigger('click')
    await settle()
    expect(api.sanctionKindNamesSave).toHaveBeenCalledWith([
      { category: '党纪处分', kind: '警告', name: '党内警告' },
      { category: '党纪处分', kind: '严重警告', name: '党内严重警告' },
      { category: '政务处分', kind: '警告', name: '政务警告' },
    ])
    expect(document.body.textContent).toContain('处分种类显示名称已保存')
  })

  it('shows the core\'s refusal of a name that reads like another kind under the table', async () => {
    const refusal = coreError('sanction_kind_name_clash')
    expect(refusal.field).toBe('kind_names')
    vi.mocked(api.sanctionKindNamesSave).mockRejectedValue(refusal)
    const wrapper = mount(SanctionKindsCard, { attachTo: document.body })
    await flushPromises()
    await wrapper.find('[data-testid=sanction-kind-name-0] input').setValue('严重警告')
    await wrapper.find('[data-testid=sanction-kind-names-save]').trigger('click')
    await settle()
    expect(wrapper.find('.el-form-item__error').text()).toBe(refusal.message)
    expect(wrapper.text()).toContain('有未保存的修改')
  })
})
