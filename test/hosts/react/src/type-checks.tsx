// Never rendered: what the typings of 'lead-capture/react' accept and refuse, checked by the
// app's own type check (`tsc -b` in `npm run build`). Each @ts-expect-error must be needed,
// or the check fails; without the typings, every <lead-capture> line fails with TS2339.
import { useRef } from 'react'
import type { LeadCapture } from 'lead-capture/react'

export function Accepted() {
  const element = useRef<LeadCapture>(null)
  return (
    <lead-capture
      ref={element}
      id="guide"
      className="brand"
      style={{ maxWidth: '28rem' }}
      endpoint="/api/leads"
      destination="json"
      subscriptionTypeId={987654}
      fieldNames={{ name: 'lastname' }}
      hiddenFields={{ 'form-name': 'leads' }}
      offer="event"
      offerId="webinar-2026"
      offerTitle="The webinar"
      assetHref="/files/guide.pdf"
      privacyHref="/privacy"
      consentVersion="2026-11"
      controller="Example Ltd"
      jurisdiction="EU"
      maxCallAttempts={1}
      preference="none"
      trackRepeats={false}
      minFillMs={0}
      retries={2}
      timeout={5000}
      indicators={[{ value: 'manual-reports', label: 'We still build reports by hand' }]}
      classify={() => ({ temperature: 'warm', priority: false, nextSteps: ['deliver-request'] })}
      strings={{ submitDownload: 'Send me the report' }}
      theme="dark"
      lang="de"
      dataLayer="dataLayer"
      subscription-type-id="987654"
      offer-id="webinar-2026"
      offer-title="The webinar"
      asset-href="/files/guide.pdf"
      privacy-href="/privacy"
      consent-version="2026-11"
      max-call-attempts={1}
      track-repeats="false"
      min-fill-ms="0"
      data-layer="dataLayer"
      onlead-submit={(event) => {
        if (event.detail.lead.contact.preference === 'call') event.preventDefault()
      }}
      onlead-sent={(event) => console.log(event.detail.lead.id, event.detail.status, event.detail.confirmed)}
      onlead-queued={(event) => console.log(event.detail.lead.id)}
      onlead-spam={(event) => console.log(event.detail.reason === 'honeypot')}
      onlead-error={(event) => console.log(event.detail.error.code, event.detail.lead?.id)}
    >
      <lead-indicator value="slow-close">Month-end close takes over a week</lead-indicator>
    </lead-capture>
  )
}

export function Refused() {
  return (
    <>
      {/* @ts-expect-error `endpont` is not an attribute: a misspelt `endpoint` */}
      <lead-capture endpont="/x" />
      <lead-capture
        onlead-sent={(event) => {
          // @ts-expect-error a lead-sent detail has `lead`, not `leed`
          console.log(event.detail.leed)
        }}
      />
      {/* @ts-expect-error `state` is read-only: the widget sets it */}
      <lead-capture state="sent" />
      {/* @ts-expect-error `webinar` is not an offer (`event` is) */}
      <lead-capture offer="webinar" />
      {/* @ts-expect-error an indicator needs a label */}
      <lead-capture indicators={[{ value: 'manual-reports' }]} />
      {/* @ts-expect-error `lead-indicator` takes `value`, not `code` */}
      <lead-indicator code="slow-close">Month-end close takes over a week</lead-indicator>
    </>
  )
}
