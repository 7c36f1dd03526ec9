import { createApp } from 'vue'
import { ElLoading, ElMessage, ElMessageBox, provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
// Element Plus is imported per component (vite.config.ts: unplugin-vue-components), so the first
// screen loads only what it shows; the styles of the pieces called from scripts come here.
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/loading/style/css'

import App from './App.vue'
import { makeRouter } from './router'
import './style.css'

const app = createApp(App)
// zh-CN for every component, and for the message boxes, which render outside the app's tree.
provideGlobalConfig({ locale: zhCn }, app, true)
app.use(ElMessage).use(ElMessageBox).use(ElLoading).use(makeRouter()).mount('#app')
