// Late registration: Vue renders <lead-capture> (indicators set) before the element is
// defined; the package is imported only after the app is mounted, as a lazy-loaded route would.
// The indicators go as JSON text, as the README says for this order.
import { createApp } from 'vue'
import App from './App.vue'

createApp(App, { indicatorsAsJson: true }).mount('#app')
void import('lead-capture/vue')
