import { createRouter, createMemoryHistory } from 'vue-router'
import { defineComponent, h } from 'vue'

const Stub = defineComponent({ render: () => h('div') })

/** A router with the app's paths but empty pages, for views that link or navigate. */
export function testRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Stub },
      { path: '/units/:id?', component: Stub },
      { path: '/people', component: Stub },
      { path: '/people/:id', component: Stub },
      { path: '/talks', component: Stub },
      { path: '/talks/new', component: Stub },
      { path: '/talks/:id', component: Stub },
      { path: '/talks/:id/edit', component: Stub },
      { path: '/items/:id', component: Stub },
      { path: '/plan', component: Stub },
      { path: '/letters', component: Stub },
      { path: '/letters/new', component: Stub },
      { path: '/letters/batch', component: Stub },
      { path: '/letters/templates', component: Stub },
      { path: '/letters/:id', component: Stub },
      { path: '/letters/:id/edit', component: Stub },
      { path: '/assessments', component: Stub },
      // ---- 听取汇报和警示教育
      { path: '/activities', component: Stub },
      // ---- end 听取汇报和警示教育
      // ---- findings and clues
      { path: '/findings', component: Stub },
      { path: '/findings/:id', component: Stub },
      { path: '/clues', component: Stub },
      // ---- end findings and clues
      // ---- dashboards
      { path: '/stats', component: Stub },
      { path: '/risks', component: Stub },
      // ---- end dashboards
      { path: '/settings', component: Stub },
    ],
  })
}
