import { randomUUID } from 'node:crypto';
import { formatAmount } from '../../money.ts';
import { LETTER_TEMPLATES, type LetterLanguage } from './letter-templates.ts';

export interface LetterInvoice {
  readonly number: string;
  readonly currency: string;
  readonly dueOn: string;
  readonly daysPastDue: number;
  readonly openMinor: bigint;
  readonly lateFeeMinor: bigint;
}

export interface ReminderLetterInput {
  readonly lang: LetterLanguage;
  readonly customerName: string;
  /** Null: the letter is addressed to "undisclosed-recipients". */
  readonly customerEmail: string | null;
  readonly senderName: string;
  readonly senderEmail: string;
  /** 'YYYY-MM-DD' in the business time zone. */
  readonly asOf: string;
  /** Overdue invoices only. */
  readonly invoices: readonly LetterInvoice[];
  /** Date header; default now. */
  readonly date?: Date;
}

const money = (minor: bigint, currency: string, lang: LetterLanguage) => `${formatAmount(minor, currency, lang === 'ru' ? 'ru-RU' : 'en-US')} ${currency}`;

function perCurrency(invoices: readonly LetterInvoice[], pick: (i: LetterInvoice) => bigint, lang: LetterLanguage): string[] {
  const sums = new Map<string, bigint>();
  for (const inv of invoices) sums.set(inv.currency, (sums.get(inv.currency) ?? 0n) + pick(inv));
  return [...sums.keys()].sort().filter((c) => sums.get(c)! > 0n).map((c) => money(sums.get(c)!, c, lang));
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** RFC 2047 encoded-word for a header with non-ASCII text. */
function encodeHeader(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function mailbox(name: string, email: string): string {
  return `${encodeHeader(name.replace(/["\\\r\n]/g, ''))} <${email}>`;
}

/** The letter's plain text (subject and body), before MIME encoding. */
export function reminderLetterText(input: ReminderLetterInput): { subject: string; body: string } {
  const t = LETTER_TEMPLATES[input.lang];
  const lines = input.invoices.map((inv) =>
    fill(t.invoiceLine, {
      number: inv.number, dueOn: inv.dueOn, days: String(inv.daysPastDue),
      open: money(inv.openMinor, inv.currency, input.lang), fee: money(inv.lateFeeMinor, inv.currency, input.lang),
    }),
  );
  const fees = perCurrency(input.invoices, (i) => i.lateFeeMinor, input.lang);
  const values = {
    customer: input.customerName, asOf: input.asOf, invoices: lines.join('\n'),
    totals: perCurrency(input.invoices, (i) => i.openMinor, input.lang).join(', '),
    lateFees: fees.length ? fees.join(', ') : t.noFees, sender: input.senderName,
  };
  return { subject: fill(t.subject, values), body: fill(t.body, values) };
}

/**
 * The reminder as an RFC 5322 message (.eml): UTF-8 text/plain body in base64 (lines of 76),
 * CRLF line ends, non-ASCII headers as RFC 2047 encoded-words. Ready to open in a mail client.
 */
export function renderReminderEml(input: ReminderLetterInput): string {
  const { subject, body } = reminderLetterText(input);
  const date = input.date ?? new Date();
  const domain = input.senderEmail.split('@')[1] ?? 'ledgerlens.local';
  const encoded = Buffer.from(body.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n');
  const headers = [
    `From: ${mailbox(input.senderName, input.senderEmail)}`,
    `To: ${input.customerEmail ? mailbox(input.customerName, input.customerEmail) : 'undisclosed-recipients:;'}`,
    `Subject: ${encodeHeader(subject)}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    `Content-Language: ${input.lang}`,
  ];
  return headers.join('\r\n') + '\r\n\r\n' + encoded;
}
