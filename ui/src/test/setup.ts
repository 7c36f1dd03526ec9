import { config } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'

config.global.plugins = [[ElementPlus, { locale: zhCn }]]

// jsdom lacks these; Element Plus tables and scrollbars ask for them.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
const g = globalThis as unknown as Record<string, unknown>
g.ResizeObserver ??= NoopResizeObserver
