// A page's own loading and failure state: the spinner while its records come, and a failure that
// stays on the page (an alert) rather than a toast that fades before the clerk reads it.

import { ref } from 'vue'
import { toError } from '../api'

export function usePageLoad(initiallyLoading = true) {
  const loading = ref(initiallyLoading)
  const failure = ref('')

  /**
   * Runs `fn` under the spinner. On failure the message is kept in `failure` and undefined is
   * returned; a later success clears it.
   */
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    loading.value = true
    try {
      const v = await fn()
      failure.value = ''
      return v
    } catch (e) {
      failure.value = toError(e).message
      return undefined
    } finally {
      loading.value = false
    }
  }

  return { loading, failure, run }
}
