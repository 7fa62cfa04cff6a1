import { mount } from 'svelte'
// One import registers <lead-capture> and types it for templates (README: Svelte).
import 'lead-capture/svelte'
import App from './App.svelte'

const app = mount(App, {
  target: document.getElementById('app')!,
})

export default app
