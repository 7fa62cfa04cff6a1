import { useState } from 'react'
import type { Indicator, LeadSentDetail } from 'lead-capture/react'

// The endpoint comes from the page's address so the test can point it at its own server.
const endpoint = new URLSearchParams(location.search).get('endpoint') ?? '/api/leads'

const indicators: Indicator[] = [
  { value: 'manual-reports', label: 'We still build reports by hand' },
  { value: 'slow-close', label: 'Month-end close takes over a week' },
]

/**
 * `indicatorsAsJson`: the late page passes the indicators as JSON text. React sets a property
 * only on an element that already has it, so on one defined later it writes an array as the
 * attribute "[object Object],…"; JSON text is read in either order.
 */
export default function App({ indicatorsAsJson = false }: { indicatorsAsJson?: boolean }) {
  const [sent, setSent] = useState<LeadSentDetail>()
  return (
    <main>
      <h1>React host</h1>
      <lead-capture
        endpoint={endpoint}
        offer="download"
        offer-id="host-react"
        offer-title="The 2026 Reporting Benchmark"
        indicators={indicatorsAsJson ? JSON.stringify(indicators) : indicators}
        onlead-sent={(event) => setSent(event.detail)}
      />
      <p id="host-status">{sent ? `lead-sent ${sent.status} ${sent.lead.offer.id}` : 'waiting'}</p>
    </main>
  )
}
