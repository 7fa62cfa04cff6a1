import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// One import registers <lead-capture> and types it for JSX (README: React).
import 'lead-capture/react'
import App from './App.tsx'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
