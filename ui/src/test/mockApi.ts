// Test double for src/api: every command becomes a vi.fn(); toError stays real.
import { vi } from 'vitest'

export async function mockApi(importOriginal: () => Promise<unknown>) {
  const real = (await importOriginal()) as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(real)) {
    out[k] = typeof v === 'function' && k !== 'toError' ? vi.fn() : v
  }
  return out
}

/** A promise resolved or rejected from the test, to control the order replies arrive in. */
export function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets promises run and Element Plus show a form item's error (it waits 100 ms before showing). */
export async function settle() {
  const { flushPromises } = await import('@vue/test-utils')
  await flushPromises()
  await new Promise((r) => setTimeout(r, 120))
  await flushPromises()
}
