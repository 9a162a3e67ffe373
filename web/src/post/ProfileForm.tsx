// The handle people see on posts. Until one is chosen, the API answers with the account's username.
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { meQueryKey, useMeQuery, useUpdateProfileMutation } from '../api/generated/hooks';
import type { MeQuery } from '../api/generated/graphql';
import { humanMessage } from '../api/errors';

export function ProfileForm() {
  const qc = useQueryClient();
  const me = useMeQuery();
  const [handle, setHandle] = useState<string | null>(null);
  const save = useUpdateProfileMutation({
    onSuccess: ({ updateProfile }) => {
      qc.setQueryData<MeQuery>(meQueryKey({}), { me: updateProfile });
      setHandle(null);
    },
  });
  if (!me.data) return null;
  const value = handle ?? me.data.me.handle;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ input: { handle: value.trim().toLowerCase() } });
  };
  return (
    <form className="card row" onSubmit={submit} aria-label="Profile">
      <label htmlFor="handle">Your handle</label>
      <input
        id="handle"
        value={value}
        minLength={3}
        maxLength={24}
        pattern="[a-z0-9_]{3,24}"
        aria-describedby="handle-help"
        onChange={(e) => setHandle(e.target.value)}
      />
      <button type="submit" disabled={save.isPending || handle === null}>
        Save
      </button>
      <small id="handle-help">3–24 of a–z, 0–9 and _</small>
      {save.isError && <p role="alert">{humanMessage(save.error)}</p>}
      {save.isSuccess && <p role="status">Saved.</p>}
    </form>
  );
}
