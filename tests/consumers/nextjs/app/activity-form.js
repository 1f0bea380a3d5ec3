'use client';
// Rendered on the server at build time and hydrated in the browser: validateField runs in both.
// It posts to this app's own route handler, which holds the API key (the page never does).
import { useEffect, useState } from 'react';
import { ACTIVITY_TYPES, TITLE_MAX_LENGTH, validateField } from 'skimmer-activity-logs';

export default function ActivityForm({ customerId }) {
  const [type, setType] = useState('Call');
  const [title, setTitle] = useState('');
  const [hydrated, setHydrated] = useState(false);
  const [answer, setAnswer] = useState(null);
  useEffect(() => setHydrated(true), []);
  const issues = validateField('title', title);

  async function submit(event) {
    event.preventDefault();
    const response = await fetch(`/api/activities/${encodeURIComponent(customerId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type, title }),
    });
    setAnswer({ status: response.status, body: await response.json() });
  }

  return (
    <form onSubmit={submit} data-hydrated={hydrated ? 'yes' : 'no'}>
      <select id="type" value={type} onChange={(event) => setType(event.target.value)}>
        {ACTIVITY_TYPES.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
      <input id="title" maxLength={TITLE_MAX_LENGTH} value={title} onChange={(event) => setTitle(event.target.value)} />
      <ul id="title-issues">
        {issues.map((issue) => (
          <li key={issue.code} data-code={issue.code}>
            {issue.message}
          </li>
        ))}
      </ul>
      <button id="add" type="submit" disabled={issues.length > 0}>
        Add
      </button>
      {answer && <output id="answer">{JSON.stringify(answer)}</output>}
    </form>
  );
}
