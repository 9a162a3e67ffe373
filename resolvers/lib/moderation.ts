// Item → schema mappings and input checks for moderation: reports, audit entries, admin decisions.
import type { AuditEntry, ModerationDecision, Report } from '../../infra/generated/graphql';
import { invalid } from './errors';

type Item = Record<string, any>;

export const DECISIONS = ['APPROVE', 'REJECT'];

/** Days a notification lives before its TTL removes it. */
export const NOTIFICATION_DAYS = 30;

export function toReport(item: Item): Report {
  return { postId: item.postId, reporterId: item.reporterId, reason: item.reason, createdAt: item.createdAt };
}

export function toAuditEntry(item: Item): AuditEntry {
  return {
    id: item.id,
    postId: item.postId,
    adminId: item.adminId,
    decision: item.decision as ModerationDecision,
    note: item.note || null,
    createdAt: item.createdAt,
  };
}

const DIGITS = '0123456789';

/** A UTC day as yyyy-mm-dd (the audit partition key); AWSDate also allows a zone suffix, which is refused here. */
export function day(field: string, value: string | null | undefined): string {
  const v = value || '';
  let ok = v.length === 10;
  const chars = v.split('');
  chars.forEach((ch, i) => {
    const dash = i === 4 || i === 7;
    if (dash ? ch !== '-' : DIGITS.indexOf(ch) < 0) ok = false;
  });
  if (!ok) invalid(field, 'must be a UTC day like 2026-01-31');
  return v;
}
