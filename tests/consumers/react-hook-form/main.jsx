// A form with react-hook-form whose only validation is the package's Standard Schema object,
// through @hookform/resolvers' Standard Schema resolver: the errors are the package's messages,
// per field. A valid submit creates the activity through the client (the emulator's URL comes
// from `?api=…`).
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useForm } from 'react-hook-form';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { ACTIVITY_TYPES, ActivityLogClient, activityInputSchema } from 'skimmer-activity-logs';

const client = new ActivityLogClient({ apiKey: 'demo-key', baseUrl: new URL(location.href).searchParams.get('api') });

function ActivityForm() {
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm({
    resolver: standardSchemaResolver(activityInputSchema),
    defaultValues: { type: '', title: '', description: '' },
  });
  const [created, setCreated] = useState(null);
  const [failure, setFailure] = useState(null);
  const save = (input) =>
    client.create('cust-1001', input).then(setCreated, (error) => setFailure(`${error.name}: ${error.message}`));

  return (
    <form onSubmit={handleSubmit(save)} noValidate>
      <select id="type" {...register('type')}>
        <option value="">Choose a type</option>
        {ACTIVITY_TYPES.map((type) => (
          <option key={type}>{type}</option>
        ))}
      </select>
      <p id="type-error">{errors.type?.message}</p>
      <input id="title" {...register('title')} />
      <p id="title-error">{errors.title?.message}</p>
      <textarea id="description" {...register('description')} />
      <p id="description-error">{errors.description?.message}</p>
      <button id="save" type="submit">
        Save
      </button>
      {created && <output id="created">{JSON.stringify(created)}</output>}
      {failure && <output id="failure">{failure}</output>}
    </form>
  );
}

createRoot(document.getElementById('root')).render(<ActivityForm />);
