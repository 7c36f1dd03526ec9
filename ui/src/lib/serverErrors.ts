// Puts a backend error where the clerk looks: a message at the top and the same text under the
// form item whose prop is the error's `field` (the snake_case input field name).

import { reactive } from 'vue'
import { ElMessage } from 'element-plus'
import { toError, type ErrorPayload } from '../api'

export function useServerErrors() {
  const errors = reactive<Record<string, string>>({})

  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }

  function show(e: unknown): ErrorPayload {
    const p = toError(e)
    ElMessage.error(p.message)
    if (p.field) errors[p.field] = p.message
    return p
  }

  return { errors, clear, show }
}

/** For actions outside a form: shows the message and returns the payload. */
export function showError(e: unknown): ErrorPayload {
  const p = toError(e)
  ElMessage.error(p.message)
  return p
}
