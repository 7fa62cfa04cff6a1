// Late registration: Vue renders <lead-capture> (indicators set) before the element is
// defined; the package is imported only after the app is mounted, as a lazy-loaded route would.
import { createApp } from 'vue'
import App from './App.vue'

createApp(App).mount('#app')
void import('lead-capture/vue')
