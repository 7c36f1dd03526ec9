import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import RatingScaleCard from '../RatingScaleCard.vue'
import * as api from '../../../api'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

describe('考核等次', () => {
  beforeEach(() => {
    vi.mocked(api.assessmentOptions).mockReset().mockResolvedValue({
      ratings: ['好', '较好', '一般', '基本合格', '不合格'], summons_ratings: ['基本合格', '不合格'], years: [], first_year: 2000, last_year: 2026,
    })
    vi.mocked(api.ratingScaleSave).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the core\'s refusal to remove a rating in use under the list, keeping what was typed', async () => {
    const refusal = coreError('rating_scale_in_use')
    vi.mocked(api.ratingScaleSave).mockRejectedValue(refusal)
    const wrapper = mount(RatingScaleCard, { attachTo: document.body })
    await flushPromises()
    expect(wrapper.text()).toContain('基本合格、不合格')
    await wrapper.findAll('[data-testid=rating-scale-editor-item]')[0].find('button[title=删除此条]').trigger('click')
    await wrapper.find('[data-testid=rating-scale-save]').trigger('click')
    await settle()
    expect(api.ratingScaleSave).toHaveBeenCalledWith(['较好', '一般', '基本合格', '不合格'])
    const item = wrapper.find('[data-testid=rating-scale-list]').element.closest('.el-form-item')!
    expect(item.querySelector('.el-form-item__error')?.textContent).toContain(refusal.message)
    expect(wrapper.text()).toContain('有未保存的修改')
  })
})
