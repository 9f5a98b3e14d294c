/** @module Interface ssh-log-matcher:matcher/matcher@0.1.0 **/
export function matchLine(line: string): Event | undefined;
export function classify(line: string): string | undefined;
export function matchLineDetailed(line: string): LineResult;
export function matchLines(lines: Array<string>): Array<Event | undefined>;
export function classifyLines(lines: Array<string>): Array<string | undefined>;
export function matchLinesDetailed(lines: Array<string>): Array<LineResult>;
export function matchLineJson(line: string, options: DocumentOptions): string;
export function matchLinesJson(lines: Array<string>, options: DocumentOptions): Array<string>;
export function matchLineDetailedBytes(line: Uint8Array): LineResult;
export function matchLinesDetailedBytes(lines: Array<Uint8Array>): Array<LineResult>;
export function matchLineJsonBytes(line: Uint8Array, options: DocumentOptions): string;
export function configureDetection(options: DetectOptions | undefined): void;
export function configureSessions(slots: number, timeout: number | undefined): void;
export function counters(): DetectCounters;
export function detectLinesJson(lines: Array<string>, options: DocumentOptions, onlyMatched: boolean): Array<string>;
export function detectLinesEvents(lines: Array<string>, options: DocumentOptions): Array<string>;
export function detectLinesJsonBytes(lines: Array<Uint8Array>, options: DocumentOptions, onlyMatched: boolean): Array<string>;
export function detectLinesEventsBytes(lines: Array<Uint8Array>, options: DocumentOptions): Array<string>;
/**
 * # Variants
 * 
 * ## `"bare"`
 * 
 * ## `"rfc3164"`
 * 
 * ## `"rfc3164-no-host"`
 * 
 * ## `"rfc5424"`
 * 
 * ## `"tag"`
 */
export type Framing = 'bare' | 'rfc3164' | 'rfc3164-no-host' | 'rfc5424' | 'tag';
/**
 * # Variants
 * 
 * ## `"matched"`
 * 
 * ## `"no-match"`
 * 
 * ## `"not-ssh"`
 * 
 * ## `"empty"`
 * 
 * ## `"too-long"`
 * 
 * ## `"too-complex"`
 * 
 * ## `"ambiguous"`
 */
export type Status = 'matched' | 'no-match' | 'not-ssh' | 'empty' | 'too-long' | 'too-complex' | 'ambiguous';
export interface Header {
  framing: Framing,
  priority?: number,
  timestamp?: string,
  hostname?: string,
  program?: string,
  pid?: bigint,
}
export interface Classification {
  category: Array<string>,
  type: Array<string>,
  action: string,
  outcome: string,
}
export interface Field {
  name: string,
  value: string,
}
export interface Event {
  id: string,
  title: string,
  severity: number,
  level: string,
  facility?: string,
  classification: Classification,
  fields: Array<Field>,
  message: string,
  header: Header,
}
export interface LineResult {
  status: Status,
  line: string,
  header: Header,
  message?: string,
  event?: Event,
}
export interface DocumentOptions {
  keepOriginal: boolean,
  referenceTime: bigint,
  utcOffsetMinutes: number,
}
/**
 * # Variants
 * 
 * ## `"normal"`
 * 
 * ## `"ddos"`
 * 
 * ## `"extra"`
 * 
 * ## `"aggressive"`
 * 
 * ## `"ssh-bf"`
 * 
 * ## `"ssh-slow-bf"`
 */
export type DetectMode = 'normal' | 'ddos' | 'extra' | 'aggressive' | 'ssh-bf' | 'ssh-slow-bf';
export interface DetectOptions {
  mode: DetectMode,
  maxretry?: number,
  findtime?: number,
  addresses?: number,
  connections?: number,
  seed: number,
}
export interface DetectCounters {
  alerts: bigint,
  addresses: number,
  addressEvictions: bigint,
  connectionEvictions: bigint,
  sessionsWritten: bigint,
  sessionEvictions: bigint,
}
