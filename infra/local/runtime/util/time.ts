// util.time with Java DateTimeFormatter-style patterns and IANA time zones, built on Intl (no date library).
// Supported pattern letters: G u y D M L d a h K k H m s S E e c Z X x z O V, 'quoted text', '' for a quote,
// [ ] (optional sections: printed when formatting, optional when parsing). Other letters throw, as Java does.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Token = { kind: 'field'; letter: string; count: number } | { kind: 'text'; text: string } | { kind: 'optional'; open: boolean };

const LETTERS = 'GuyDMLdahKkHmsSEecZXxzOV';
const patternCache = new Map<string, Token[]>();

function tokenize(pattern: string): Token[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") { tokens.push({ kind: 'text', text: "'" }); i += 2; continue; }
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) throw new Error(`Pattern ends with an incomplete string literal: ${pattern}`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") { text += "'"; j += 2; continue; }
          break;
        }
        text += pattern[j++];
      }
      tokens.push({ kind: 'text', text });
      i = j + 1;
    } else if (c === '[' || c === ']') {
      tokens.push({ kind: 'optional', open: c === '[' });
      i++;
    } else if (/[A-Za-z]/.test(c)) {
      if (!LETTERS.includes(c)) throw new Error(`Unknown pattern letter: ${c}`);
      let j = i;
      while (pattern[j] === c) j++;
      tokens.push({ kind: 'field', letter: c, count: j - i });
      i = j;
    } else {
      tokens.push({ kind: 'text', text: c });
      i++;
    }
  }
  patternCache.set(pattern, tokens);
  return tokens;
}

// ---- time zones ----

const dtfCache = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(zone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
      });
    } catch {
      throw new RangeError(`Unknown time-zone ID: ${zone}`);
    }
    dtfCache.set(zone, f);
  }
  return f;
}

/** Offset of `zone` from UTC at instant `ms`, in minutes (east positive). */
function offsetMinutes(ms: number, zone: string): number {
  if (zone === 'UTC' || zone === 'Z' || zone === 'GMT') return 0;
  const p: Record<string, string> = {};
  for (const part of zoneFormatter(zone).formatToParts(new Date(ms))) p[part.type] = part.value;
  let year = Number(p.year);
  if (p.era === 'BC' || p.era === 'B') year = 1 - year;
  const asUtc = utc(year, Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return Math.round((asUtc - whole) / 60000);
}

/** Validates an IANA zone id or fixed offset ("+08:00", "UTC"); normalises to something offsetMinutes takes. */
function resolveZone(zone: unknown, fn: string): string {
  if (zone === undefined || zone === null) return 'UTC';
  if (typeof zone !== 'string') throw new TypeError(`${fn}: argument "timezone" must be a string`);
  const fixed = parseFixedOffset(zone);
  if (fixed !== undefined) return fixedZone(fixed);
  zoneFormatter(zone);
  return zone;
}

/** Fixed offsets are encoded as "Etc/Fixed/<minutes>" internally. */
function fixedZone(minutes: number): string {
  return minutes === 0 ? 'UTC' : `Etc/Fixed/${minutes}`;
}

function zoneOffset(ms: number, zone: string): number {
  if (zone.startsWith('Etc/Fixed/')) return Number(zone.slice('Etc/Fixed/'.length));
  return offsetMinutes(ms, zone);
}

function parseFixedOffset(s: string): number | undefined {
  if (s === 'Z' || s === 'UTC' || s === 'GMT' || s === 'UT') return 0;
  const m = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (Number(m[2]) > 18 || Number(m[3] ?? 0) > 59) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

// ---- formatting ----

interface Fields {
  year: number; month: number; day: number; hour: number; minute: number; second: number; milli: number;
  weekday: number; dayOfYear: number; offset: number; zone: string; ms: number;
}

function fieldsAt(ms: number, zone: string): Fields {
  const offset = zoneOffset(ms, zone);
  const d = new Date(ms + offset * 60000);
  const startOfYear = utc(d.getUTCFullYear(), 0, 1);
  const startOfDay = utc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
    minute: d.getUTCMinutes(), second: d.getUTCSeconds(), milli: d.getUTCMilliseconds(), weekday: d.getUTCDay(),
    dayOfYear: Math.round((startOfDay - startOfYear) / 86400000) + 1, offset, zone, ms,
  };
}

/** Date.UTC, but years 0-99 stay years 0-99 (Date.UTC maps them to 1900-1999). */
function utc(year: number, month0: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  d.setUTCHours(h, mi, s, ms);
  return d.getTime();
}

const pad = (n: number, width: number) => (n < 0 ? '-' + String(-n).padStart(width, '0') : String(n).padStart(width, '0'));

function formatOffset(offset: number, withColon: boolean, withMinutes: 'always' | 'ifNonZero'): string {
  const sign = offset < 0 ? '-' : '+';
  const h = Math.floor(Math.abs(offset) / 60);
  const m = Math.abs(offset) % 60;
  if (withMinutes === 'ifNonZero' && m === 0) return `${sign}${pad(h, 2)}`;
  return `${sign}${pad(h, 2)}${withColon ? ':' : ''}${pad(m, 2)}`;
}

function zoneName(f: Fields, long: boolean): string {
  if (f.zone.startsWith('Etc/Fixed/') || f.zone === 'UTC') {
    return f.offset === 0 ? (long ? 'Coordinated Universal Time' : 'UTC') : formatOffset(f.offset, true, 'always');
  }
  // Intl knows abbreviations like CEST or IST only in the locale where they are used: try a few English
  // locales and keep the first real name; otherwise "GMT+9" (Java would print "JST" there).
  let fallback: string | undefined;
  for (const locale of NAME_LOCALES) {
    const name = new Intl.DateTimeFormat(locale, { timeZone: f.zone, timeZoneName: long ? 'long' : 'short' })
      .formatToParts(new Date(f.ms))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^GMT[+-]/.test(name)) return name;
    fallback ??= name;
  }
  return fallback ?? f.zone;
}

const NAME_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU'];

function text(full: string, count: number): string {
  return count >= 4 ? full : full.slice(0, 3);
}

function formatField(letter: string, count: number, f: Fields): string {
  switch (letter) {
    case 'G': return count >= 4 ? (f.year > 0 ? 'Anno Domini' : 'Before Christ') : f.year > 0 ? 'AD' : 'BC';
    case 'u':
    case 'y': {
      const y = letter === 'y' && f.year <= 0 ? 1 - f.year : f.year;
      if (count === 2) return pad(((y % 100) + 100) % 100, 2);
      return pad(y, count);
    }
    case 'D': return pad(f.dayOfYear, count);
    case 'M':
    case 'L':
      if (count >= 3) return count === 5 ? MONTHS[f.month - 1]![0]! : text(MONTHS[f.month - 1]!, count);
      return pad(f.month, count);
    case 'd': return pad(f.day, count);
    case 'a': return f.hour < 12 ? 'AM' : 'PM';
    case 'h': return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'K': return pad(f.hour % 12, count);
    case 'k': return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'H': return pad(f.hour, count);
    case 'm': return pad(f.minute, count);
    case 's': return pad(f.second, count);
    case 'S': return pad(f.milli, 3).padEnd(count, '0').slice(0, count);
    case 'E':
    case 'e':
    case 'c':
      if ((letter === 'e' || letter === 'c') && count <= 2) return pad(f.weekday === 0 ? 7 : f.weekday, count);
      return count === 5 ? DAYS[f.weekday]![0]! : text(DAYS[f.weekday]!, count);
    case 'Z':
      if (count <= 3) return formatOffset(f.offset, false, 'always');
      if (count === 4) return f.offset === 0 ? 'GMT' : 'GMT' + formatOffset(f.offset, true, 'always');
      return f.offset === 0 ? 'Z' : formatOffset(f.offset, true, 'always');
    case 'X':
    case 'x': {
      if (letter === 'X' && f.offset === 0) return 'Z';
      if (count === 1) return formatOffset(f.offset, false, 'ifNonZero');
      return formatOffset(f.offset, count === 3 || count === 5, 'always');
    }
    case 'O': return f.offset === 0 ? 'GMT' : 'GMT' + formatOffset(f.offset, true, count === 4 ? 'always' : 'ifNonZero');
    case 'z': return zoneName(f, count >= 4);
    case 'V': return f.zone.startsWith('Etc/Fixed/') ? formatOffset(f.offset, true, 'always') : f.zone;
  }
  throw new Error(`Unknown pattern letter: ${letter}`);
}

function format(ms: number, pattern: string, zone: string): string {
  const f = fieldsAt(ms, zone);
  let out = '';
  for (const t of tokenize(pattern)) {
    if (t.kind === 'text') out += t.text;
    else if (t.kind === 'field') out += formatField(t.letter, t.count, f);
  }
  return out;
}

// ---- parsing ----

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Parsed { [k: string]: string | undefined }

function fieldRegex(letter: string, count: number, group: string): string {
  const num = (min: number, max: number) => `(?<${group}>\\d{${min},${max}})`;
  switch (letter) {
    case 'u':
    case 'y': return count === 2 ? num(2, 2) : count >= 4 ? `(?<${group}>[+-]?\\d{${count},9})` : `(?<${group}>[+-]?\\d{1,9})`;
    case 'M':
    case 'L':
      if (count >= 3) return `(?<${group}>${MONTHS.map((m) => (count === 3 ? m.slice(0, 3) : m)).join('|')})`;
      return count === 2 ? num(2, 2) : num(1, 2);
    case 'E':
    case 'e':
    case 'c':
      if ((letter === 'e' || letter === 'c') && count <= 2) return num(1, 1);
      return `(?<${group}>${DAYS.map((d) => (count >= 4 ? d : d.slice(0, 3))).join('|')})`;
    case 'G': return `(?<${group}>AD|BC|Anno Domini|Before Christ)`;
    case 'a': return `(?<${group}>AM|PM|am|pm)`;
    case 'S': return num(count, count);
    case 'Z':
    case 'X':
    case 'x':
    case 'O': return `(?<${group}>Z|(?:GMT|UTC)?[+-]\\d{2}(?::?\\d{2})?(?::?\\d{2})?|GMT|UTC)`;
    case 'z':
    case 'V': return `(?<${group}>[A-Za-z][A-Za-z0-9_/+-]*)`;
    default: return count >= 2 ? num(count, count) : num(1, 2);
  }
}

interface Matcher { re: RegExp; groups: { name: string; letter: string; count: number }[] }
const matcherCache = new Map<string, Matcher>();

function matcher(pattern: string): Matcher {
  const cached = matcherCache.get(pattern);
  if (cached) return cached;
  const groups: Matcher['groups'] = [];
  let re = '';
  for (const t of tokenize(pattern)) {
    if (t.kind === 'text') re += escapeRe(t.text);
    else if (t.kind === 'optional') re += t.open ? '(?:' : ')?';
    else {
      const name = `g${groups.length}`;
      groups.push({ name, letter: t.letter, count: t.count });
      re += fieldRegex(t.letter, t.count, name);
    }
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(`^${re}$`);
  } catch {
    throw new Error(`Invalid pattern: ${pattern}`);
  }
  const result = { re: compiled, groups };
  matcherCache.set(pattern, result);
  return result;
}

function parse(value: string, pattern: string, zone: string): number {
  const { re, groups } = matcher(pattern);
  const m = re.exec(value);
  if (!m) throw new Error(`Text '${value}' could not be parsed with pattern '${pattern}'`);
  const g: Parsed = m.groups ?? {};
  let year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, milli = 0;
  let pm: boolean | undefined;
  let hour12: number | undefined;
  let offset: number | undefined;
  let parsedZone: string | undefined;
  let bc = false;
  for (const { name, letter, count } of groups) {
    const s = g[name];
    if (s === undefined) continue;
    switch (letter) {
      case 'u': year = Number(s); break;
      case 'y': year = count === 2 ? 2000 + Number(s) : Number(s); break;
      case 'G': bc = s === 'BC' || s === 'Before Christ'; break;
      case 'M':
      case 'L': month = count >= 3 ? MONTHS.findIndex((x) => x.startsWith(s)) + 1 : Number(s); break;
      case 'd': day = Number(s); break;
      case 'H': hour = Number(s); break;
      case 'k': hour = Number(s) % 24; break;
      case 'h': hour12 = Number(s) % 12; break;
      case 'K': hour12 = Number(s); break;
      case 'a': pm = s.toUpperCase() === 'PM'; break;
      case 'm': minute = Number(s); break;
      case 's': second = Number(s); break;
      case 'S': milli = Math.round(Number(`0.${s}`) * 1000); break;
      case 'Z':
      case 'X':
      case 'x':
      case 'O': {
        const o = parseFixedOffset(s);
        if (o === undefined) throw new Error(`Text '${value}' could not be parsed: bad offset '${s}'`);
        offset = o;
        break;
      }
      case 'z':
      case 'V': parsedZone = resolveZone(s, 'util.time'); break;
    }
  }
  if (hour12 !== undefined) hour = hour12 + (pm ? 12 : 0);
  if (bc) year = 1 - year;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    throw new Error(`Text '${value}' could not be parsed: a field is out of range`);
  }
  const local = utc(year, month - 1, day, hour, minute, second, milli);
  const check = new Date(local);
  if (check.getUTCDate() !== day) throw new Error(`Text '${value}' could not be parsed: invalid date`);
  if (offset !== undefined) return local - offset * 60000;
  return localToInstant(local, parsedZone ?? zone);
}

/**
 * Wall-clock time in `zone` to an instant, resolved as java.time does: in an overlap the earlier offset
 * wins, in a gap the time moves forward by the gap's length.
 */
function localToInstant(local: number, zone: string): number {
  const before = zoneOffset(local - 86400000, zone);
  const after = zoneOffset(local + 86400000, zone);
  for (const o of [before, after]) {
    if (zoneOffset(local - o * 60000, zone) === o) return local - o * 60000;
  }
  return local - before * 60000;
}

// ---- util.time ----

function ms(fn: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${fn}: argument "milliseconds" must be a number`);
  return Math.trunc(v);
}

function str(fn: string, name: string, v: unknown): string {
  if (typeof v !== 'string') throw new TypeError(`${fn}: argument "${name}" must be a string`);
  return v;
}

export function nowISO8601(): string {
  return new Date().toISOString();
}
export function nowEpochSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
export function nowEpochMilliSeconds(): number {
  return Date.now();
}
export function nowFormatted(formatString: unknown, timezone?: unknown): string {
  const fn = 'util.time.nowFormatted';
  return format(Date.now(), str(fn, 'formatString', formatString), resolveZone(timezone, fn));
}
export function epochMilliSecondsToSeconds(milliseconds: unknown): number {
  return Math.trunc(ms('util.time.epochMilliSecondsToSeconds', milliseconds) / 1000);
}
export function epochMilliSecondsToISO8601(milliseconds: unknown): string {
  return new Date(ms('util.time.epochMilliSecondsToISO8601', milliseconds)).toISOString();
}
export function epochMilliSecondsToFormatted(milliseconds: unknown, formatString: unknown, timezone?: unknown): string {
  const fn = 'util.time.epochMilliSecondsToFormatted';
  return format(ms(fn, milliseconds), str(fn, 'formatString', formatString), resolveZone(timezone, fn));
}
export function parseFormattedToEpochMilliSeconds(timestamp: unknown, formatString: unknown, timezone?: unknown): number {
  const fn = 'util.time.parseFormattedToEpochMilliSeconds';
  return parse(str(fn, 'timestamp', timestamp), str(fn, 'formatString', formatString), resolveZone(timezone, fn));
}

const ISO = /^([+-]?\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** ISO 8601 date-time; without an offset it is read as UTC. */
export function parseISO8601ToEpochMilliSeconds(timestamp: unknown): number {
  const s = str('util.time.parseISO8601ToEpochMilliSeconds', 'timestamp', timestamp);
  const m = ISO.exec(s);
  if (!m) throw new Error(`Text '${s}' could not be parsed as ISO 8601`);
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '0', off] = m;
  const local = utc(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), Math.round(Number(`0.${frac}`) * 1000));
  if (Number.isNaN(local) || new Date(local).getUTCDate() !== Number(d)) throw new Error(`Text '${s}' could not be parsed as ISO 8601`);
  const offset = off ? parseFixedOffset(off.toUpperCase()) : 0;
  if (offset === undefined) throw new Error(`Text '${s}' has an invalid offset`);
  return local - offset * 60000;
}
