import { afterEach, describe, expect, it, vi } from 'vitest';
import * as time from '../../../infra/local/runtime/util/time.js';

const MS = 1517943695758; // 2018-02-06T19:01:35.758Z (the AWS doc example instant)

describe('util.time now*', () => {
  afterEach(() => vi.useRealTimers());

  it('reads the clock', () => {
    vi.useFakeTimers();
    vi.setSystemTime(MS);
    expect(time.nowISO8601()).toBe('2018-02-06T19:01:35.758Z');
    expect(time.nowEpochSeconds()).toBe(1517943695);
    expect(time.nowEpochMilliSeconds()).toBe(MS);
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe('2018-02-07 03:01:35+0800');
  });
});

describe('util.time conversions', () => {
  it('epoch helpers match the AWS doc examples', () => {
    expect(time.epochMilliSecondsToSeconds(MS)).toBe(1517943695);
    expect(time.epochMilliSecondsToISO8601(MS)).toBe('2018-02-06T19:01:35.758Z');
    expect(time.epochMilliSecondsToFormatted(MS, 'yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
  });

  it('formats in IANA zones, with DST', () => {
    expect(time.epochMilliSecondsToFormatted(MS, 'yyyy-MM-dd HH:mm:ssZ', 'America/Los_Angeles')).toBe('2018-02-06 11:01:35-0800');
    const july = Date.UTC(2018, 6, 1, 12);
    expect(time.epochMilliSecondsToFormatted(july, 'HH:mm XXX', 'America/Los_Angeles')).toBe('05:00 -07:00');
    expect(time.epochMilliSecondsToFormatted(july, 'HH:mm XXX z', 'Europe/Berlin')).toBe('14:00 +02:00 CEST');
    expect(time.epochMilliSecondsToFormatted(MS, "yyyy-MM-dd'T'HH:mm:ss.SSSxxx", 'Asia/Kolkata')).toBe('2018-02-07T00:31:35.758+05:30');
  });

  it('supports the common DateTimeFormatter letters', () => {
    expect(time.epochMilliSecondsToFormatted(MS, "EEE, d MMM yyyy hh:mm a 'UTC' D")).toBe('Tue, 6 Feb 2018 07:01 PM UTC 37');
    expect(time.epochMilliSecondsToFormatted(MS, 'EEEE MMMM yy X XX XXX VV')).toBe('Tuesday February 18 Z Z Z UTC');
    expect(time.epochMilliSecondsToFormatted(MS, "''HH''")).toBe("'19'");
    expect(time.epochMilliSecondsToFormatted(MS, 'ZZZZ', '+05:30')).toBe('GMT+05:30');
  });

  it('rejects unknown letters and zones like Java', () => {
    expect(() => time.epochMilliSecondsToFormatted(MS, 'yyyy-bb')).toThrow('Unknown pattern letter: b');
    expect(() => time.epochMilliSecondsToFormatted(MS, 'yyyy', 'Mars/Olympus')).toThrow('Unknown time-zone ID: Mars/Olympus');
    expect(() => time.epochMilliSecondsToFormatted('1' as unknown as number, 'yyyy')).toThrow('milliseconds');
  });
});

describe('util.time parsing', () => {
  it('parses an offset in the text (AWS doc example)', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22+0800', 'yyyy-MM-dd HH:mm:ssZ')).toBe(1517505562000);
  });

  it('uses the time zone argument when the text has none', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', 'Asia/Shanghai')).toBe(1517505562000);
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 17:19:22', 'yyyy-MM-dd HH:mm:ss')).toBe(1517505562000);
  });

  it('resolves DST gaps and overlaps as java.time does', () => {
    const gap = time.parseFormattedToEpochMilliSeconds('2018-03-25 02:30', 'yyyy-MM-dd HH:mm', 'Europe/Berlin');
    expect(new Date(gap).toISOString()).toBe('2018-03-25T01:30:00.000Z');
    const overlap = time.parseFormattedToEpochMilliSeconds('2018-10-28 02:30', 'yyyy-MM-dd HH:mm', 'Europe/Berlin');
    expect(new Date(overlap).toISOString()).toBe('2018-10-28T00:30:00.000Z');
  });

  it('round-trips format and parse', () => {
    const fmt = "dd/MMM/yyyy:hh:mm:ss.SSS a XXX";
    const s = time.epochMilliSecondsToFormatted(MS, fmt, 'America/New_York');
    expect(time.parseFormattedToEpochMilliSeconds(s, fmt)).toBe(MS);
  });

  it('fails on text that does not fit', () => {
    expect(() => time.parseFormattedToEpochMilliSeconds('2018-02-30 00:00', 'yyyy-MM-dd HH:mm')).toThrow(/could not be parsed/);
    expect(() => time.parseFormattedToEpochMilliSeconds('yesterday', 'yyyy-MM-dd')).toThrow(/could not be parsed/);
  });

  it('parses ISO 8601', () => {
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.180+08:00')).toBe(1517476865180);
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-06T19:01:35.758Z')).toBe(MS);
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-06')).toBe(Date.UTC(2018, 1, 6));
    expect(() => time.parseISO8601ToEpochMilliSeconds('06/02/2018')).toThrow(/ISO 8601/);
  });
});
