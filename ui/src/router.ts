import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./views/home/HomeView.vue') },
  { path: '/units/:id?', name: 'units', component: () => import('./views/units/UnitsView.vue') },
  { path: '/people', name: 'people', component: () => import('./views/people/PeopleView.vue') },
  { path: '/people/:id', name: 'person', component: () => import('./views/people/PersonView.vue') },
  { path: '/settings', name: 'settings', component: () => import('./views/settings/SettingsView.vue') },
  { path: '/:rest(.*)*', redirect: '/' },
]

export function makeRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
