import { expect } from '@open-wc/testing';
import { classifyLead, type ClassificationInput } from '../../src/lead/temperature.js';
import { contactPreferences, offerKinds, type ContactPreference, type NextStep, type OfferKind, type Temperature } from '../../src/lead/vocabulary.js';

// The temperature table written out by hand, so the test does not re-derive the rules it checks.
const expectedTemperature: Record<OfferKind, Record<ContactPreference, Temperature>> = {
  download: { none: 'cold', email: 'cool', call: 'warm' },
  newsletter: { none: 'cold', email: 'cool', call: 'warm' },
  follow: { none: 'cold', email: 'cool', call: 'warm' },
  event: { none: 'hot', email: 'hot', call: 'hot' },
  trial: { none: 'hot', email: 'hot', call: 'hot' },
};

const expectedSteps: Record<OfferKind, Record<ContactPreference, NextStep[]>> = {
  download: {
    none: ['deliver-request'],
    email: ['deliver-request', 'follow-up-email'],
    call: ['deliver-request', 'individual-call'],
  },
  newsletter: {
    none: ['deliver-request', 'marketing-communications'],
    email: ['deliver-request', 'follow-up-email'],
    call: ['deliver-request', 'individual-call'],
  },
  follow: {
    none: ['deliver-request', 'marketing-communications'],
    email: ['deliver-request', 'follow-up-email'],
    call: ['deliver-request', 'individual-call'],
  },
  event: {
    none: ['deliver-request', 'registration-communications'],
    email: ['deliver-request', 'registration-communications', 'individual-email'],
    call: ['deliver-request', 'registration-communications', 'individual-call'],
  },
  trial: {
    none: ['deliver-request', 'registration-communications'],
    email: ['deliver-request', 'registration-communications', 'individual-email'],
    call: ['deliver-request', 'registration-communications', 'individual-call'],
  },
};

const indicatorSets: string[][] = [[], ['manual-reports'], ['manual-reports', 'slow-close']];

describe('classifyLead: the temperature table', () => {
  it('covers every offer and preference', () => {
    expect(Object.keys(expectedTemperature)).to.have.members([...offerKinds]);
    for (const offer of offerKinds) expect(Object.keys(expectedTemperature[offer])).to.have.members([...contactPreferences]);
  });

  for (const offer of offerKinds) {
    for (const preference of contactPreferences) {
      for (const indicators of indicatorSets) {
        const input: ClassificationInput = { offer, preference, indicators };
        const label = `${offer} × ${preference} × ${indicators.length} indicator(s)`;

        it(`${label} → ${expectedTemperature[offer][preference]}`, () => {
          const result = classifyLead(input);
          expect(result.temperature).to.equal(expectedTemperature[offer][preference]);
          expect(result.nextSteps).to.deep.equal(expectedSteps[offer][preference]);
          expect(result.priority).to.equal(indicators.length > 0 && preference !== 'none');
        });
      }
    }
  }
});

describe('classifyLead: promises kept whatever the input', () => {
  for (const offer of offerKinds) {
    for (const preference of contactPreferences) {
      it(`${offer} × ${preference}: starts with deliver-request and uses only allowed channels`, () => {
        const { nextSteps } = classifyLead({ offer, preference, indicators: ['x'] });
        expect(nextSteps[0]).to.equal('deliver-request');
        expect(nextSteps.filter((step) => step === 'deliver-request')).to.have.length(1);
        if (preference !== 'call') expect(nextSteps).not.to.include('individual-call');
        if (preference !== 'email') {
          expect(nextSteps).not.to.include('individual-email');
          expect(nextSteps).not.to.include('follow-up-email');
        }
      });
    }
  }

  it('is not priority without indicators, nor when the prospect declined contact', () => {
    expect(classifyLead({ offer: 'trial', preference: 'call', indicators: [] }).priority).to.equal(false);
    expect(classifyLead({ offer: 'trial', preference: 'none', indicators: ['a', 'b'] }).priority).to.equal(false);
    expect(classifyLead({ offer: 'download', preference: 'email', indicators: ['a'] }).priority).to.equal(true);
  });
});
