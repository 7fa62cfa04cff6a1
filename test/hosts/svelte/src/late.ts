// Late registration: Svelte renders <lead-capture> (indicators set) before the element is
// defined; the package is imported only after the app is mounted, as a lazy-loaded route would.
import { mount } from 'svelte'
import App from './App.svelte'

mount(App, { target: document.getElementById('app')! })
void import('lead-capture/svelte')
