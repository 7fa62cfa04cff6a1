import { createApp } from 'vue'
// One import registers <lead-capture> and types it for templates (README: Vue).
import 'lead-capture/vue'
import App from './App.vue'

createApp(App).mount('#app')
