/** The destinations a lead can be handed to, by name (`destination="…"`). */
export const destinationNames = ['json', 'form', 'apps-script', 'hubspot', 'formspree', 'mautic', 'netlify', 'salesforce'] as const;
export type DestinationName = (typeof destinationNames)[number];

export function isDestinationName(value: string): value is DestinationName {
  return (destinationNames as readonly string[]).includes(value);
}
