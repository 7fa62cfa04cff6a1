import { useState } from 'react'
import type { Indicator, LeadSentDetail } from 'lead-capture/react'

// The endpoint comes from the page's address so the test can point it at its own server.
const endpoint = new URLSearchParams(location.search).get('endpoint') ?? '/api/leads'

const indicators: Indicator[] = [
  { value: 'manual-reports', label: 'We still build reports by hand' },
  { value: 'slow-close', label: 'Month-end close takes over a week' },
]

export default function App() {
  const [sent, setSent] = useState<LeadSentDetail>()
  return (
    <main>
      <h1>React host</h1>
      <lead-capture
        endpoint={endpoint}
        offer="download"
        offer-id="host-react"
        offer-title="The 2026 Reporting Benchmark"
        indicators={indicators}
        onlead-sent={(event) => setSent(event.detail)}
      />
      <p id="host-status">{sent ? `lead-sent ${sent.status} ${sent.lead.offer.id}` : 'waiting'}</p>
    </main>
  )
}
