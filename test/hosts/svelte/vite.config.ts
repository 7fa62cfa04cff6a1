import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vite'

// https://vite.dev/config/
export default defineConfig({
  plugins: [svelte()],
  // Two pages: the app, and the same app registering the element after it is mounted.
  build: { rolldownOptions: { input: ['index.html', 'late.html'] } },
})
