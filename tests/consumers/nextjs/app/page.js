// A static page (prerendered at build time) with a client component that validates as you type.
import ActivityForm from './activity-form.js';

export default function Page() {
  return (
    <main>
      <h1>New activity</h1>
      <ActivityForm customerId="cust-1001" />
    </main>
  );
}
