/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Tauri loads the built files from dist/ (embedded at compile time) and, in dev, this server.
export default defineConfig({
  // Element Plus per component (with its CSS) instead of the whole library on the first screen:
  // each lazy page's chunk carries the components it uses. Our own components stay imported by hand.
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dirs: [], dts: false })],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  test: {
    environment: 'jsdom',
    include: ['src/**/__tests__/*.spec.ts'],
    setupFiles: ['src/test/setup.ts'],
    // Two busy cores (CI, or a build beside) make a dialog-heavy test take seconds.
    testTimeout: 30000,
    // Element Plus's CommonJS build gets async-validator's default export wrong under Node, so form
    // validation would pass everything; run its ES build through Vite like the app does.
    server: { deps: { inline: ['element-plus'] } },
  },
})
