// Late registration: React renders <lead-capture> (indicators set) before the element is
// defined; the package is imported only after the first render, as a lazy-loaded route would.
import { StrictMode, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import App from './App.tsx'

function Late() {
  useEffect(() => {
    void import('lead-capture/react')
  }, [])
  return <App />
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Late />
  </StrictMode>,
)
