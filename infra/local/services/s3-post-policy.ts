// Enforces presigned-POST policies in front of s3rver, which stores any POST upload and ignores
// the `policy` field. Real S3 refuses uploads that break the policy (size range, content type,
// key prefix, expiry, extra fields); without this check the local stack would accept uploads
// that AWS refuses. The signature is not checked (locally every client signs with S3RVER keys).

export interface PostPolicyFailure {
  status: 400 | 403;
  code: string;
  message: string;
  extra?: Record<string, string | number>;
}

type Condition = Record<string, string> | [string, ...unknown[]];

/** Fields S3 does not require the policy to mention. */
const UNCHECKED_FIELDS = new Set(['file', 'policy', 'x-amz-signature', 'signature', 'awsaccesskeyid']);

function fail(status: 400 | 403, code: string, message: string, extra?: PostPolicyFailure['extra']): PostPolicyFailure {
  return { status, code, message, extra };
}

const denied = (why: string) => fail(403, 'AccessDenied', `Invalid according to Policy: ${why}`);

/**
 * Check a POST upload against its policy.
 * @param bucket bucket name from the URL path
 * @param fields form fields, names as sent (matching is case-insensitive, like S3)
 * @param fileSize size in bytes of the `file` part
 * @returns undefined when the upload is allowed (or carries no policy), else the S3 error to return
 */
export function checkPostPolicy(
  bucket: string,
  fields: Map<string, string>,
  fileSize: number,
  now = new Date(),
): PostPolicyFailure | undefined {
  const lower = new Map([...fields].map(([k, v]) => [k.toLowerCase(), v]));
  const encoded = lower.get('policy');
  if (encoded === undefined) return undefined;

  let policy: { expiration?: string; conditions?: Condition[] };
  try {
    policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return fail(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  if (!policy.expiration || Number.isNaN(Date.parse(policy.expiration))) {
    return fail(400, 'InvalidPolicyDocument', 'Invalid Policy: Policy missing expiration.');
  }
  if (Date.parse(policy.expiration) < now.getTime()) return denied('Policy expired.');

  const value = (name: string): string | undefined => (name === 'bucket' ? bucket : lower.get(name));
  const covered = new Set<string>(['bucket']);

  for (const condition of policy.conditions ?? []) {
    if (!Array.isArray(condition)) {
      for (const [name, expected] of Object.entries(condition)) {
        covered.add(name.toLowerCase());
        if (value(name.toLowerCase()) !== expected) {
          return denied(`Policy Condition failed: ["eq", "$${name}", "${expected}"]`);
        }
      }
      continue;
    }
    const [op, ...args] = condition;
    const opName = String(op).toLowerCase();
    if (opName === 'content-length-range') {
      const [min, max] = args.map(Number);
      if (fileSize > max) {
        return fail(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
          ProposedSize: fileSize,
          MaxSizeAllowed: max,
        });
      }
      if (fileSize < min) {
        return fail(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
          ProposedSize: fileSize,
          MinSizeAllowed: min,
        });
      }
      continue;
    }
    const field = String(args[0] ?? '').replace(/^\$/, '').toLowerCase();
    const expected = String(args[1] ?? '');
    covered.add(field);
    const actual = value(field) ?? '';
    const ok = opName === 'eq' ? actual === expected : opName === 'starts-with' ? actual.startsWith(expected) : false;
    if (!ok) return denied(`Policy Condition failed: ["${opName}", "${String(args[0])}", "${expected}"]`);
  }

  const extra = [...lower.keys()].filter(
    (name) => !covered.has(name) && !UNCHECKED_FIELDS.has(name) && !name.startsWith('x-ignore-'),
  );
  if (extra.length) return denied(`Extra input fields: ${extra.join(', ')}`);
  return undefined;
}

/** S3's XML error body. */
export function s3ErrorXml(failure: PostPolicyFailure): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const extra = Object.entries(failure.extra ?? {})
    .map(([k, v]) => `<${k}>${escape(String(v))}</${k}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${failure.code}</Code><Message>${escape(failure.message)}</Message>${extra}</Error>`
  );
}
