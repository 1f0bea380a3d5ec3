// One activity as the API answers it (every field of the model), for tests whose own servers
// answer in the emulator's place.

/** A manual activity with every field present; `fields` replaces any of them. */
export function activity(fields = {}) {
  return {
    id: 'a1',
    customerId: 'c1',
    type: 'Call',
    title: 'Hi',
    description: null,
    isSystemGenerated: false,
    relatedEntityId: null,
    relatedEntityType: null,
    relatedEntityDisplay: null,
    secondaryRelatedEntityId: null,
    secondaryRelatedEntityType: null,
    secondaryRelatedEntityDisplay: null,
    createdByName: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedByName: null,
    updatedAt: null,
    ...fields,
  };
}
