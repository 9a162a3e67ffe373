// The browser's half of a presigned POST: the ticket's form fields, then the file (S3 requires it last),
// sent with XMLHttpRequest because fetch cannot report upload progress.

export interface UploadTicketLike {
  url: string;
  /** AWSJSON: a JSON object of form fields (a string over the wire). */
  fields: string | Record<string, string>;
}

export class UploadError extends Error {}

export function postToS3(ticket: UploadTicketLike, file: Blob, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<void> {
  const fields = typeof ticket.fields === 'string' ? (JSON.parse(ticket.fields) as Record<string, string>) : ticket.fields;
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ticket.url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else {
        // S3 answers policy violations with an XML <Message>; show it rather than the status alone
        const message = /<Message>([^<]*)<\/Message>/.exec(xhr.responseText)?.[1];
        reject(new UploadError(message ? `The upload was refused: ${message}` : `The upload failed (HTTP ${xhr.status}).`));
      }
    };
    xhr.onerror = () => reject(new UploadError("The upload failed: can't reach storage. Check your connection and try again."));
    xhr.onabort = () => reject(new UploadError('The upload was cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
