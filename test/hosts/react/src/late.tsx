// Late registration: React renders <lead-capture> (indicators set) before the element is
// defined; the package is imported only after the first render, as a lazy-loaded route would.
// The indicators go as JSON text, as the README says for this order.
import { StrictMode, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import App from './App.tsx'

function Late() {
  useEffect(() => {
    void import('lead-capture/react')
  }, [])
  return <App indicatorsAsJson />
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Late />
  </StrictMode>,
)
