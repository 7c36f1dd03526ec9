import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./views/home/HomeView.vue') },
  { path: '/units/:id?', name: 'units', component: () => import('./views/units/UnitsView.vue') },
  { path: '/people', name: 'people', component: () => import('./views/people/PeopleView.vue') },
  { path: '/people/:id', name: 'person', component: () => import('./views/people/PersonView.vue') },
  { path: '/talks', name: 'talks', component: () => import('./views/talks/TalksView.vue') },
  { path: '/talks/new', name: 'talk-new', component: () => import('./views/talks/TalkEditView.vue') },
  { path: '/talks/:id', name: 'talk', component: () => import('./views/talks/TalkView.vue') },
  { path: '/talks/:id/edit', name: 'talk-edit', component: () => import('./views/talks/TalkEditView.vue') },
  { path: '/items/:id', name: 'item', component: () => import('./views/talks/ItemView.vue') },
  { path: '/plan', name: 'plan', component: () => import('./views/talks/PlanView.vue') },
  { path: '/letters', name: 'letters', component: () => import('./views/letters/LettersView.vue') },
  { path: '/letters/new', name: 'letter-new', component: () => import('./views/letters/LetterEditView.vue') },
  { path: '/letters/batch', name: 'letter-batch', component: () => import('./views/letters/BatchView.vue') },
  { path: '/letters/templates', name: 'letter-templates', component: () => import('./views/letters/TemplatesView.vue') },
  { path: '/letters/:id', name: 'letter', component: () => import('./views/letters/LetterView.vue') },
  { path: '/letters/:id/edit', name: 'letter-edit', component: () => import('./views/letters/LetterEditView.vue') },
  // ---- 考核
  { path: '/assessments', name: 'assessments', component: () => import('./views/assessments/AssessmentsView.vue') },
  // ---- end 考核
  // ---- 听取汇报和警示教育
  { path: '/activities', name: 'activities', component: () => import('./views/activities/ActivitiesView.vue') },
  // ---- end 听取汇报和警示教育
  // ---- risk points
  { path: '/risks', name: 'risks', component: () => import('./views/risks/RisksView.vue') },
  // ---- end risk points
  // ---- findings and clues
  { path: '/findings', name: 'findings', component: () => import('./views/findings/FindingsView.vue') },
  { path: '/findings/:id', name: 'finding', component: () => import('./views/findings/FindingView.vue') },
  { path: '/clues', name: 'clues', component: () => import('./views/clues/CluesView.vue') },
  // ---- end findings and clues
  // ---- report
  { path: '/reports', name: 'reports', component: () => import('./views/reports/ReportsView.vue') },
  // ---- end report
  // ---- audit log
  { path: '/audit', name: 'audit', component: () => import('./views/audit/AuditLogView.vue') },
  // ---- end audit log
  // ---- items list (issue 11)
  { path: '/items', name: 'items', component: () => import('./views/items/ItemsView.vue') },
  // ---- end items list
  // ---- dashboards
  { path: '/stats', name: 'stats', component: () => import('./views/stats/StatsView.vue') },
  // ---- end dashboards
  { path: '/settings', name: 'settings', component: () => import('./views/settings/SettingsView.vue') },
  { path: '/:rest(.*)*', redirect: '/' },
]

export function makeRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
