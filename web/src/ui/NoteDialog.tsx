// A small modal form asking for one piece of text (a report reason, a moderation note).
import { useState, type FormEvent } from 'react';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  label: string;
  confirm: string;
  required?: boolean;
  maxLength?: number;
  busy?: boolean;
  error?: string | null;
  onSubmit(text: string): void;
  onClose(): void;
}

export function NoteDialog({ title, label, confirm, required = false, maxLength = 500, busy = false, error, onSubmit, onClose }: Props) {
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(text.trim());
  };
  return (
    <Dialog labelledBy="note-dialog-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="note-dialog-title">{title}</h2>
        <label htmlFor="note-dialog-text">{label}</label>
        <textarea id="note-dialog-text" value={text} maxLength={maxLength} rows={3} onChange={(e) => setText(e.target.value)} />
        {error && <p role="alert">{error}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={busy || (required && text.trim() === '')}>
            {confirm}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
