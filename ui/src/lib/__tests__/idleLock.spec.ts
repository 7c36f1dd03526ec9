import { describe, it, expect, vi, afterEach } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { useIdleLock } from '../idleLock'

function host(minutes: () => number | null, lock: () => void) {
  return mount(defineComponent({ setup: () => (useIdleLock(minutes, lock), () => h('div')) }))
}

describe('idle lock', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('locks after the set minutes without input, and input puts it off', () => {
    vi.useFakeTimers()
    const lock = vi.fn()
    const w = host(() => 15, lock)
    vi.advanceTimersByTime(14 * 60_000)
    window.dispatchEvent(new Event('keydown'))
    vi.advanceTimersByTime(14 * 60_000)
    expect(lock).not.toHaveBeenCalled()
    vi.advanceTimersByTime(60_000 + 10_000)
    expect(lock).toHaveBeenCalledTimes(1)
    w.unmount()
  })

  it('does nothing while nobody is signed in', () => {
    vi.useFakeTimers()
    const lock = vi.fn()
    const w = host(() => null, lock)
    vi.advanceTimersByTime(60 * 60_000)
    expect(lock).not.toHaveBeenCalled()
    w.unmount()
  })
})
