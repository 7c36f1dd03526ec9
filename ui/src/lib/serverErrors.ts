// Puts a backend error where the clerk looks: the same text under the form item whose key is the
// error's `field` (the snake_case input field name the core sends), and, when the form has no
// such item or the error has no field, in `general` for an alert the form shows. A toast comes
// too, but it fades: it is never the only place a failure is told.

import { reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { toError, type ErrorPayload } from '../api'

/**
 * `fields`: the keys this form shows under its items. An error naming another field (a 机关代字
 * missing while signing, say) goes to `general` instead of an item nobody can see.
 */
export function useServerErrors(fields?: readonly string[]) {
  const errors = reactive<Record<string, string>>({})
  const general = ref('')

  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
    general.value = ''
  }

  function show(e: unknown): ErrorPayload {
    const p = toError(e)
    ElMessage.error(p.message)
    if (p.field && (!fields || fields.includes(p.field))) errors[p.field] = p.message
    else general.value = p.message
    return p
  }

  return { errors, general, clear, show }
}

/** For actions outside a form: shows the message and returns the payload. */
export function showError(e: unknown): ErrorPayload {
  const p = toError(e)
  ElMessage.error(p.message)
  return p
}
