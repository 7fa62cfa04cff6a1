import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// https://vite.dev/config/
export default defineConfig({
  plugins: [
    vue({
      // The one line Vue needs (README: Vue): <lead-…> tags are custom elements, not Vue components.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('lead-') } },
    }),
  ],
  // Two pages: the app, and the same app registering the element after it is mounted.
  build: { rolldownOptions: { input: ['index.html', 'late.html'] } },
})
