/**
 * Reminder letter texts, one per language. Edit freely: placeholders in {braces} are filled by
 * letter.ts ({customer}, {asOf}, {invoices}, {totals}, {lateFees}, {sender}); {invoices} is one line per
 * overdue invoice built from `invoiceLine`.
 */
export interface LetterTemplate {
  readonly subject: string;
  readonly body: string;
  /** {number}, {dueOn}, {days}, {open}, {fee} */
  readonly invoiceLine: string;
  readonly noFees: string;
}

export const LETTER_LANGUAGES = ['en', 'ru'] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];

export const LETTER_TEMPLATES: Record<LetterLanguage, LetterTemplate> = {
  en: {
    subject: 'Payment reminder: overdue invoices as of {asOf}',
    invoiceLine: '  • Invoice {number}, due {dueOn} ({days} days overdue): {open} open, late fee accrued {fee}',
    noFees: 'none',
    body: `Dear {customer},

our records show the following invoices as unpaid as of {asOf}:

{invoices}

Total overdue: {totals}
Late fees accrued to date: {lateFees}

Please arrange payment at your earliest convenience. If you have already paid, please disregard this
letter, or reply with the payment details so we can match it.

Kind regards,
{sender}
`,
  },
  ru: {
    subject: 'Напоминание об оплате: просроченные счета на {asOf}',
    invoiceLine: '  • Счёт {number}, срок оплаты {dueOn} (просрочка {days} дн.): к оплате {open}, начислено пеней {fee}',
    noFees: 'нет',
    body: `Уважаемый клиент {customer}!

По нашим данным на {asOf} не оплачены следующие счета:

{invoices}

Итого просрочено: {totals}
Начислено пеней на сегодня: {lateFees}

Просим погасить задолженность в ближайшее время. Если оплата уже произведена, пожалуйста,
не обращайте внимания на это письмо или сообщите реквизиты платежа в ответном письме.

С уважением,
{sender}
`,
  },
};
