import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// https://vite.dev/config/
export default defineConfig({
  plugins: [react()],
  // Two pages: the app, and the same app registering the element after its first render.
  build: { rolldownOptions: { input: ['index.html', 'late.html'] } },
})
