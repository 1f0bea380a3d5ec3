// The fixed mix of inputs the validation benchmark times: half valid, half invalid, in the
// shapes a form and an API client meet.
export const MIX = [
  { type: 'Call', title: 'Called about the pump' },
  { type: 'Email', title: 'Sent the 2026 quote - pump', description: 'Emoji are fine 🏊', authorId: 'u-1', authorName: 'Ana' },
  { type: 'Text', title: 'Reminder', description: null, authorId: null, authorName: null },
  { type: 'Other', title: 'Left a door tag', extra: true },
  { type: 'Call', title: 'x'.repeat(60), description: 'y'.repeat(300) },
  { type: 'Call', title: '  Spaced out  ' },
  { type: 'Text', title: 'Gate code 4412', authorName: 'Ben' },
  { type: 'Email', title: 'Invoice 123 sent', description: '' },
  { type: 'Fax', title: 'Wrong type' },
  { type: 'Call', title: '' },
  { type: 'Call', title: '   ' },
  { type: 'Call', title: 'x'.repeat(61) },
  { type: 'Call', title: 'Café visit' },
  { type: 'Call', title: 'Pool_party' },
  { type: 'Call', title: 'Fine', description: 'z'.repeat(301) },
  { type: 'Call', title: 'Fine', authorId: 42 },
  { title: 'No type' },
  { type: 'call', title: 'Lowercase type' },
];
