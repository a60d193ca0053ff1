import { PLANS, planId, priceIn, REGIONS_RU, taxRate, type Currency, type PlanSpec, type Segment, type UsageTariff } from './catalog.ts';
import { daysInMonth, isHoliday, isoDate, localToUtcMs, monthIndexAt, monthRef, wallClock, type MonthRef } from './calendar.ts';
import type { Random } from './random.ts';
import type { RowWriter } from './row-writer.ts';

/** How a customer pays: the collections queue and the churn model both need these to differ. */
export type PaymentProfile = 'on_time' | 'late' | 'chronic' | 'defaulting';

export interface SimulationWindow {
  /** First billed month (invoices issued on its 1st). */
  readonly firstMonth: MonthRef;
  /** Month containing `asOfMs`; nothing after `asOfMs` exists. */
  readonly lastMonth: MonthRef;
  readonly asOfMs: number;
  readonly timezone: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

const FIRST_NAMES = ['Иван', 'Анна', 'Сергей', 'Мария', 'Дмитрий', 'Елена', 'Алексей', 'Ольга', 'Павел', 'Наталья', 'Андрей', 'Татьяна', 'Михаил', 'Юлия', 'Никита', 'Ксения'];
const LAST_NAMES = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев'];
const COMPANY_WORDS = ['Вектор', 'Северный ветер', 'Альфа, Бета и партнёры', 'Технопарк', 'Гранит', 'Меридиан', 'Союз', 'Орион', 'Кристалл', 'Радуга', 'Атлант', 'Восход'];
const FOREIGN_COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Tyrell'];

interface Subscription {
  id: string;
  plan: PlanSpec;
  quantity: number;
  discountPct: number;
  startMs: number;
  canceledMs: number | null;
  endMs: number | null;
  versions: { id: string; plan: PlanSpec; quantity: number; fromMs: number; kind: string }[];
}

interface OpenInvoice {
  id: string;
  totalMinor: number;
  dueMs: number;
  issueMs: number;
  /** Amount still owed, updated as payments and credit notes land (simulated, may be after asOf). */
  remaining: number;
  paidMs: number | null;
  /** Latest payment or credit event so far: the invoice is paid when the last of them lands. */
  lastEventMs: number;
  lateFeeAccruedUntilMs: number;
}

/**
 * Simulates one customer's whole history and writes its rows. Everything dated after the window's
 * as-of instant is left out, exactly as the billing database would not have it yet.
 */
export function simulateCustomer(index: number, rng: Random, win: SimulationWindow, out: RowWriter): void {
  const cid = `cus_${String(index).padStart(6, '0')}`;
  const segment = rng.weighted<Segment>({ consumer: 74, smb: 21, enterprise: 5 });
  const currency: Currency = rng.weighted<Currency>(segment === 'enterprise' ? { RUB: 70, USD: 18, EUR: 12 } : { RUB: 92, USD: 5, EUR: 3 });
  const region = currency === 'RUB' ? rng.pick(REGIONS_RU) : 'International';
  const profile = rng.weighted<PaymentProfile>(
    segment === 'enterprise' ? { on_time: 70, late: 24, chronic: 5, defaulting: 1 } : { on_time: 60, late: 23, chronic: 11, defaulting: 6 },
  );
  const usageFactor = rng.logNormal(1, 0.45);
  const hourlyUsage = rng.chance(segment === 'consumer' ? 0.65 : 0.85);
  const method = segment === 'consumer' ? rng.weighted({ card: 58, wallet: 18, direct_debit: 17, cash: 7 }) : rng.weighted({ bank_transfer: 82, card: 10, direct_debit: 8 });
  const dueDays = segment === 'consumer' ? 14 : segment === 'smb' ? 30 : 45;
  const { firstMonth, lastMonth, asOfMs, timezone: tz } = win;
  const monthStart = (m: number) => { const r = monthRef(m); return localToUtcMs(tz, r.year, r.month, 1); };

  // When the customer joined: most existed before the window, the rest sign up through it.
  const preexisting = rng.chance(0.8);
  const signupMonth = preexisting ? firstMonth.index - rng.int(1, 36) : rng.int(firstMonth.index, lastMonth.index);
  const sm = monthRef(signupMonth);
  const createdMs = Math.min(asOfMs - HOUR, localToUtcMs(tz, sm.year, sm.month, rng.int(1, daysInMonth(sm)), rng.int(8, 21), rng.int(0, 59)));

  // Churn: a monthly hazard; defaulting customers are cut off after unpaid invoices instead.
  const hazard = { consumer: 0.021, smb: 0.014, enterprise: 0.006 }[segment] * (profile === 'chronic' ? 1.7 : profile === 'late' ? 1.2 : 1);
  let churnMonth: number | null = null;
  const defaultMonth = profile === 'defaulting' ? rng.int(Math.max(signupMonth + 2, firstMonth.index), lastMonth.index + 14) : null;
  for (let m = Math.max(signupMonth + 1, firstMonth.index); m <= lastMonth.index; m++) {
    if (rng.chance(hazard)) { churnMonth = m; break; }
  }
  if (defaultMonth !== null && defaultMonth + 3 <= lastMonth.index && (churnMonth === null || defaultMonth + 3 < churnMonth)) churnMonth = defaultMonth + 3;
  const reactivateMonth = churnMonth !== null && rng.chance(0.07) ? churnMonth + rng.int(2, 6) : null;

  // Subscriptions: the primary product by segment, sometimes a second one (home internet).
  const subs: Subscription[] = [];
  let versionSeq = 0;
  const family = segment === 'consumer' ? rng.weighted({ mobile: 70, payg: 12, home: 18 }) : rng.weighted({ mobile: 45, saas: 55 });
  const plansOf = (f: string) => PLANS.filter((p) => p.family === f && (segment === 'consumer' ? p.code !== 'BIZ-MOB' : f !== 'mobile' || p.code === 'BIZ-MOB'));
  const newSub = (plan: PlanSpec, quantity: number, startMs: number, kind: string): Subscription => {
    const n = subs.length + 1;
    const sub: Subscription = {
      id: `sub_${index}_${n}`, plan, quantity, discountPct: segment !== 'consumer' && rng.chance(0.25) ? rng.pick([5, 10, 15]) : 0,
      startMs, canceledMs: null, endMs: null, versions: [],
    };
    sub.versions.push({ id: `sv_${index}_${++versionSeq}`, plan, quantity, fromMs: startMs, kind });
    subs.push(sub);
    return sub;
  };
  const startQty = segment === 'consumer' ? 1 : segment === 'smb' ? rng.int(2, 15) : rng.int(20, 300);
  const primary = newSub(rng.pick(plansOf(family)), family === 'saas' && rng.chance(0.3) ? 1 : startQty, createdMs, 'new');
  if (segment === 'consumer' && family === 'mobile' && rng.chance(0.22)) {
    newSub(rng.pick(plansOf('home')), 1, createdMs + rng.int(0, 200) * DAY, 'new');
  }
  // Plan changes, effective on a day within the month.
  for (const sub of subs) {
    for (let m = Math.max(monthIndexAt(tz, sub.startMs), firstMonth.index); m <= lastMonth.index; m++) {
      const atMs = monthStart(m) + rng.int(1, 27) * DAY + rng.int(9, 20) * HOUR;
      if (atMs <= sub.startMs || atMs > asOfMs || (churnMonth !== null && m >= churnMonth - 1)) continue;
      const current = sub.versions[sub.versions.length - 1]!;
      const r = rng.next();
      const siblings = PLANS.filter((p) => p.family === current.plan.family && p.code !== current.plan.code && plansOf(p.family).includes(p));
      if (r < 0.025 && siblings.some((p) => p.rank > current.plan.rank)) {
        const plan = rng.pick(siblings.filter((p) => p.rank > current.plan.rank));
        sub.versions.push({ id: `sv_${index}_${++versionSeq}`, plan, quantity: current.quantity, fromMs: atMs, kind: 'upgrade' });
      } else if (r < 0.037 && siblings.some((p) => p.rank < current.plan.rank && p.kind !== 'usage')) {
        const plan = rng.pick(siblings.filter((p) => p.rank < current.plan.rank && p.kind !== 'usage'));
        sub.versions.push({ id: `sv_${index}_${++versionSeq}`, plan, quantity: current.quantity, fromMs: atMs, kind: 'downgrade' });
      } else if (r < 0.07 && current.quantity > 1) {
        const quantity = Math.max(1, current.quantity + Math.round(current.quantity * (rng.next() - 0.4) * 0.3) || 1);
        if (quantity !== current.quantity) sub.versions.push({ id: `sv_${index}_${++versionSeq}`, plan: current.plan, quantity, fromMs: atMs, kind: 'quantity' });
      }
    }
  }
  if (churnMonth !== null) {
    const cm = monthRef(churnMonth);
    const cancelMs = localToUtcMs(tz, cm.year, cm.month, rng.int(1, daysInMonth(cm)), rng.int(9, 20));
    for (const sub of subs) {
      if (sub.startMs >= cancelMs) { sub.startMs = cancelMs - DAY; sub.versions[0]!.fromMs = sub.startMs; }
      sub.canceledMs = cancelMs;
      sub.endMs = monthStart(churnMonth + 1);
    }
  }
  if (reactivateMonth !== null && reactivateMonth <= lastMonth.index) {
    const rm = monthRef(reactivateMonth);
    const back = localToUtcMs(tz, rm.year, rm.month, rng.int(1, daysInMonth(rm)), rng.int(9, 20));
    if (back <= asOfMs) newSub(primary.versions[primary.versions.length - 1]!.plan, primary.versions[0]!.quantity, back, 'reactivation');
  }
  const closedMs = subs.every((s) => s.endMs !== null && s.endMs <= asOfMs) ? Math.max(...subs.map((s) => s.endMs!)) : null;

  // ---- customer, plans used, subscriptions and versions ----
  const name = customerName(rng, segment, currency);
  out.write('customers', [cid, name, `c${index}@example.com`, `+7 9${String(rng.int(10, 99))} ${rng.int(100, 999)}-${rng.int(10, 99)}-${rng.int(10, 99)}`,
    segment, region, currency, iso(createdMs), closedMs === null ? null : iso(closedMs), iso(Math.min(asOfMs, Math.max(createdMs, closedMs ?? 0)))]);
  for (const sub of subs) {
    if (sub.startMs > asOfMs) continue;
    const versions = sub.versions.filter((v) => v.fromMs <= asOfMs);
    const last = versions[versions.length - 1]!;
    const ended = sub.endMs !== null && sub.endMs <= asOfMs;
    const canceled = sub.canceledMs !== null && sub.canceledMs <= asOfMs;
    const status = ended || canceled ? 'canceled' : defaultMonth !== null && asOfMs > monthStart(defaultMonth + 1) ? 'past_due' : 'active';
    const changedMs = Math.max(last.fromMs, canceled ? sub.canceledMs! : 0, ended ? sub.endMs! : 0);
    out.write('subscriptions', [sub.id, cid, planId(last.plan.code, currency), status, iso(sub.startMs), null, canceled ? iso(sub.canceledMs!) : null, ended ? iso(sub.endMs!) : null, iso(Math.min(asOfMs, changedMs))]);
    versions.forEach((v, i) => {
      const toMs = i + 1 < versions.length ? versions[i + 1]!.fromMs : ended ? sub.endMs! : null;
      const gross = priceIn(currency, v.plan.priceRubMinor) * v.quantity;
      const discount = Math.round((gross * sub.discountPct) / 100);
      out.write('subscription_versions', [v.id, sub.id, planId(v.plan.code, currency), v.quantity, gross - discount, discount, currency, v.kind, iso(v.fromMs), toMs === null ? null : iso(toMs), iso(Math.min(asOfMs, toMs ?? v.fromMs))]);
    });
  }

  // ---- monthly: usage of the month, then the invoice issued on the 1st of the next month ----
  const versionAt = (sub: Subscription, ms: number) => {
    if (ms < sub.startMs || (sub.endMs !== null && ms >= sub.endMs)) return null;
    let found = null;
    for (const v of sub.versions) if (v.fromMs <= ms) found = v;
    return found;
  };
  let usageSeq = 0, invoiceSeq = 0, paymentSeq = 0, allocSeq = 0, creditSeq = 0;
  const usageBy = new Map<string, number>(); // `${subId}|${service}|${month}` -> quantity
  const invoices: OpenInvoice[] = [];
  const credit: { paymentId: string; remaining: number; fromMs: number }[] = [];
  let welcomeCreditUsed = false;

  const degradeOf = (m: number) => (churnMonth !== null && m >= churnMonth - 3 && m <= churnMonth ? 1 + churnMonth - m : 0); // 4..1 weaker
  const startIdx = Math.max(firstMonth.index - 1, signupMonth);
  for (let m = startIdx; m <= lastMonth.index; m++) {
    const mr = monthRef(m);
    const mStart = monthStart(m);
    const mEnd = monthStart(m + 1);
    const degrade = degradeOf(m);
    // usage during month m
    if (m >= firstMonth.index) {
      for (const sub of subs) {
        const activeFrom = Math.max(mStart, sub.startMs);
        const activeTo = Math.min(mEnd, sub.endMs ?? Infinity, asOfMs);
        if (activeTo <= activeFrom) continue;
        const v = versionAt(sub, activeFrom) ?? sub.versions[0]!;
        for (const tariff of v.plan.usage) {
          const seasonal = 1 + 0.08 * Math.cos(((mr.month - 0.5) / 12) * 2 * Math.PI) + (tariff.service === 'data' ? 0.01 * (m - firstMonth.index) : 0);
          const fade = degrade ? [1, 0.45, 0.6, 0.75, 0.88][degrade]! : 1;
          const share = (activeTo - activeFrom) / (mEnd - mStart);
          const total = tariff.typicalUse * v.quantity * usageFactor * seasonal * fade * share * rng.logNormal(1, 0.15);
          const qty = writeUsage(rng, out, tz, tariff, segment, hourlyUsage, v.quantity, total, activeFrom, activeTo, sub.id, cid, () => `u_${index}_${++usageSeq}`);
          const key = `${sub.id}|${tariff.service}|${m}`;
          usageBy.set(key, (usageBy.get(key) ?? 0) + qty);
        }
      }
    }
    // invoice issued at the start of month m+1 for recurring of m+1 and usage of m
    const issueMs = mEnd;
    const im = m + 1;
    if (im < firstMonth.index || im > lastMonth.index || issueMs > asOfMs) continue;
    const lines: { kind: string; service: string | null; description: string; quantity: number; amount: number; ps: string; pe: string }[] = [];
    const imr = monthRef(im);
    const thisPeriod = [isoDate(imr.year, imr.month, 1), isoDate(imr.year, imr.month, daysInMonth(imr))] as const;
    const usagePeriod = [isoDate(mr.year, mr.month, 1), isoDate(mr.year, mr.month, daysInMonth(mr))] as const;
    let invoiceSub: string | null = null;
    for (const sub of subs) {
      const v = versionAt(sub, issueMs);
      if (v && v.plan.priceRubMinor > 0) {
        // billed in advance from the first 1st after the start, every billing period
        const sincePeriodStart = im - (monthIndexAt(tz, sub.startMs) + 1);
        const due = ((sincePeriodStart % v.plan.billingPeriodMonths) + v.plan.billingPeriodMonths) % v.plan.billingPeriodMonths === 0;
        if (due) {
          const gross = priceIn(currency, v.plan.priceRubMinor) * v.quantity;
          const periodEnd = monthRef(im + v.plan.billingPeriodMonths - 1);
          lines.push({ kind: 'recurring', service: v.plan.family === 'saas' ? 'saas' : v.plan.family === 'home' ? 'internet' : 'mobile', description: `${v.plan.name} × ${v.quantity}`, quantity: v.quantity, amount: gross, ps: thisPeriod[0], pe: isoDate(periodEnd.year, periodEnd.month, daysInMonth(periodEnd)) });
          if (sub.discountPct) lines.push({ kind: 'discount', service: null, description: `Discount ${sub.discountPct}%`, quantity: 1, amount: -Math.round((gross * sub.discountPct) / 100), ps: thisPeriod[0], pe: thisPeriod[1] });
          invoiceSub ??= sub.id;
        }
      }
      const vu = versionAt(sub, Math.max(mStart, sub.startMs)) ?? sub.versions[0]!;
      for (const tariff of vu.plan.usage) {
        const used = usageBy.get(`${sub.id}|${tariff.service}|${m}`);
        if (!used) continue;
        const over = Math.max(0, used - tariff.included * vu.quantity);
        const amount = Math.round((over * priceIn(currency, tariff.overageMinor)) / tariff.per);
        lines.push({ kind: 'usage', service: tariff.service, description: `${tariff.service} usage, ${Math.round(used * 1000) / 1000} ${tariff.unit}`, quantity: used, amount, ps: usagePeriod[0], pe: usagePeriod[1] });
      }
    }
    // late fee (пеня): 0.1 % a day on amounts overdue since the last invoice
    let fee = 0;
    for (const prev of invoices) {
      const from = Math.max(prev.dueMs, prev.lateFeeAccruedUntilMs);
      const to = Math.min(prev.paidMs ?? Infinity, issueMs);
      if (to > from) fee += Math.floor(((to - from) / DAY) * prev.totalMinor * 0.001);
      prev.lateFeeAccruedUntilMs = Math.max(prev.lateFeeAccruedUntilMs, issueMs);
    }
    if (fee >= 100) lines.push({ kind: 'late_fee', service: null, description: 'Late payment fee (0.1 % per day)', quantity: 1, amount: fee, ps: usagePeriod[0], pe: usagePeriod[1] });
    if (lines.length === 0) continue;
    if (rng.chance(0.01) && !lines.some((l) => l.kind === 'recurring')) {
      lines.push({ kind: 'one_off', service: null, description: 'SIM card replacement', quantity: 1, amount: priceIn(currency, 30000), ps: thisPeriod[0], pe: thisPeriod[0] });
    }
    const subtotal = lines.reduce((s, l) => s + l.amount, 0);
    if (subtotal <= 0) continue;
    const rate = taxRate(currency);
    const taxes = lines.map((l) => Math.round(l.amount * rate));
    const tax = taxes.reduce((s, t) => s + t, 0);
    let creditsApplied = 0;
    if (!welcomeCreditUsed && segment === 'consumer' && rng.chance(0.2)) creditsApplied = Math.min(subtotal + tax, priceIn(currency, 20000));
    welcomeCreditUsed = true;
    const total = subtotal + tax - creditsApplied;
    const invId = `inv_${index}_${++invoiceSeq}`;
    const dueMs = issueMs + dueDays * DAY;
    const number = `${imr.year}${String(imr.month + 1).padStart(2, '0')}-${String(index).padStart(6, '0')}`;
    lines.forEach((l, k) => out.write('invoice_lines', [`il_${index}_${invoiceSeq}_${k + 1}`, invId, l.kind, l.service, l.description, fmtQty(l.quantity), l.amount, taxes[k]!, l.ps, l.pe, iso(issueMs)]));

    const inv: OpenInvoice = { id: invId, totalMinor: total, dueMs, issueMs, remaining: total, paidMs: total === 0 ? issueMs : null, lastEventMs: issueMs, lateFeeAccruedUntilMs: issueMs };
    let lastEventMs = issueMs;
    const isDraft = im === lastMonth.index && rng.chance(0.01);
    const isVoid = !isDraft && rng.chance(0.003);
    let voidedMs: number | null = null;
    let writtenOff = false;
    const allocate = (paymentId: string, amount: number, atMs: number) => {
      if (atMs <= asOfMs) out.write('payment_allocations', [`pa_${index}_${++allocSeq}`, paymentId, invId, amount, iso(atMs), iso(atMs)]);
      else allocSeq++;
      inv.remaining -= amount;
      inv.lastEventMs = Math.max(inv.lastEventMs, atMs);
      if (inv.remaining === 0) inv.paidMs = inv.lastEventMs;
      if (atMs <= asOfMs) lastEventMs = Math.max(lastEventMs, atMs);
    };
    if (isVoid) {
      voidedMs = issueMs + rng.int(1, 3) * DAY;
    } else if (!isDraft) {
      // carried-over credit from earlier over-payments is applied first, at issue
      for (const c of credit) {
        if (inv.remaining === 0 || c.remaining === 0) continue;
        const amt = Math.min(c.remaining, inv.remaining);
        c.remaining -= amt;
        allocate(c.paymentId, amt, Math.max(issueMs, c.fromMs));
      }
      // a credit note for an outage or as goodwill, before the customer pays
      if (rng.chance(0.015) && inv.remaining > 0) {
        const amt = Math.max(1, Math.round(inv.remaining * rng.pick([0.1, 0.2, 0.3, 0.5])));
        const at = issueMs + rng.int(1, 5) * DAY;
        if (at <= asOfMs) {
          out.write('credit_notes', [`cn_${index}_${++creditSeq}`, `CN-${number}-${creditSeq}`, invId, cid, iso(at), currency, amt, rng.pick(['outage', 'goodwill', 'billing_error']), 'issued', iso(at)]);
          lastEventMs = Math.max(lastEventMs, at);
        }
        inv.remaining -= amt;
        inv.lastEventMs = Math.max(inv.lastEventMs, at);
        if (inv.remaining === 0) inv.paidMs = inv.lastEventMs;
      }
      // the customer's payment behaviour
      const defaulted = defaultMonth !== null && im >= defaultMonth;
      if (inv.remaining > 0 && !defaulted) {
        const p = degrade ? 'chronic' : profile === 'defaulting' ? 'chronic' : profile;
        let payMs = p === 'on_time' ? issueMs + rng.next() * (dueDays - 1) * DAY
          : p === 'late' ? dueMs + rng.int(1, 15) * DAY
          : dueMs + rng.int(8, 70) * DAY;
        payMs += degrade ? (5 - degrade) * rng.int(2, 8) * DAY : 0;
        payMs = Math.floor(payMs / 60000) * 60000 + rng.int(0, 59) * 1000;
        const canFail = method === 'card' || method === 'direct_debit';
        if (canFail && rng.chance(degrade ? 0.3 : profile === 'on_time' ? 0.05 : 0.12)) {
          const failMs = payMs - rng.int(1, 3) * DAY;
          if (failMs <= asOfMs && failMs > issueMs) out.write('payments', [`pay_${index}_${++paymentSeq}`, cid, iso(failMs), inv.remaining, currency, method, 'failed', 0, null, iso(failMs)]);
        }
        const parts = rng.chance(p === 'chronic' ? 0.35 : 0.1) ? [Math.round(inv.remaining * (0.4 + rng.next() * 0.3))] : [];
        parts.push(inv.remaining - parts.reduce((s, x) => s + x, 0));
        let at = payMs;
        for (const [k, part] of parts.entries()) {
          if (k > 0) at += rng.int(7, 30) * DAY;
          const pid = `pay_${index}_${++paymentSeq}`;
          const over = k === parts.length - 1 && rng.chance(0.02);
          const step = currency === 'RUB' ? 100000 : 10000;
          const amount = over ? Math.ceil((part + 1) / step) * step : part;
          const backMs = at + rng.int(20, 60) * DAY;
          if (method === 'card' && rng.chance(0.003) && backMs <= asOfMs) {
            if (at <= asOfMs) out.write('payments', [pid, cid, iso(at), amount, currency, method, 'charged_back', amount, iso(backMs), iso(backMs)]);
            // the billing system removed the allocation; the customer pays again later
            at = backMs + rng.int(5, 15) * DAY;
            const pid2 = `pay_${index}_${++paymentSeq}`;
            if (at <= asOfMs) out.write('payments', [pid2, cid, iso(at), part, currency, 'bank_transfer', 'succeeded', 0, null, iso(at)]);
            allocate(pid2, part, at);
            continue;
          }
          const leftover = amount - part;
          const refund = leftover > 0 && rng.chance(0.5) ? at + rng.int(5, 30) * DAY : null;
          if (at <= asOfMs) {
            const refunded = refund !== null && refund <= asOfMs;
            out.write('payments', [pid, cid, iso(at), amount, currency, method, 'succeeded', refunded ? leftover : 0, refunded ? iso(refund!) : null, iso(refunded ? refund! : at)]);
          }
          allocate(pid, part, at);
          if (leftover > 0 && refund === null) credit.push({ paymentId: pid, remaining: leftover, fromMs: at });
        }
      }
      // defaulted debt is written off after 150 days past due
      if (inv.remaining > 0 && inv.paidMs === null && dueMs + 150 * DAY <= asOfMs && defaultMonth !== null) {
        const at = dueMs + 150 * DAY;
        out.write('credit_notes', [`cn_${index}_${++creditSeq}`, `CN-${number}-${creditSeq}`, invId, cid, iso(at), currency, inv.remaining, 'write_off', 'issued', iso(at)]);
        lastEventMs = Math.max(lastEventMs, at);
        writtenOff = true;
        inv.remaining = 0;
        inv.paidMs = at;
      }
    }
    const paidByAsOf = inv.paidMs !== null && inv.paidMs <= asOfMs;
    const status = isDraft ? 'draft' : isVoid ? 'void' : writtenOff ? 'uncollectible' : paidByAsOf ? 'paid' : 'open';
    if (isVoid && voidedMs! <= asOfMs) lastEventMs = voidedMs!;
    out.write('invoices', [invId, number, cid, invoiceSub, status, currency, iso(issueMs), iso(dueMs), thisPeriod[0], thisPeriod[1],
      subtotal, tax, creditsApplied, total, isVoid && voidedMs! <= asOfMs ? iso(voidedMs!) : null, iso(Math.min(asOfMs, lastEventMs))]);
    if (!isVoid && !isDraft) invoices.push(inv);
  }
}

function customerName(rng: Random, segment: Segment, currency: Currency): string {
  if (segment === 'consumer') return `${rng.pick(LAST_NAMES)} ${rng.pick(FIRST_NAMES)}`;
  if (currency !== 'RUB') return `${rng.pick(FOREIGN_COMPANIES)} ${rng.pick(['GmbH', 'Ltd', 'Inc.', 'B.V.', 'S.A.'])}`;
  return `${segment === 'smb' ? 'ООО' : 'АО'} "${rng.pick(COMPANY_WORDS)}"`;
}

/** Weight of an hour of the week for a service: evenings and weekends for people, office hours for businesses. */
function hourWeight(service: string, segment: Segment, weekday: number, hour: number, holiday: boolean): number {
  const weekend = weekday === 0 || weekday === 6 || holiday;
  if (segment !== 'consumer' && service !== 'tv') {
    const office = hour >= 9 && hour < 19 ? 1 : hour >= 7 && hour < 22 ? 0.25 : 0.03;
    return office * (weekend ? 0.2 : 1);
  }
  const night = hour < 7 ? 0.08 : 0;
  const evening = hour >= 18 && hour < 23 ? 1 : 0;
  const day = hour >= 7 && hour < 18 ? 0.45 : 0;
  const late = hour === 23 ? 0.4 : 0;
  const base = night + evening + day + late;
  return base * (weekend ? (service === 'voice' ? 1.1 : 1.45) : 1) * (holiday ? 1.3 : 1);
}

/** Spreads one month's use over a few hourly (or, for quiet customers, daily) buckets; returns the total written. */
function writeUsage(rng: Random, out: RowWriter, tz: string, tariff: UsageTariff, segment: Segment, hourly: boolean, lines: number,
  total: number, fromMs: number, toMs: number, subId: string, cid: string, nextId: () => string): number {
  const integer = tariff.unit !== 'hour';
  const scaleRows = Math.min(4, 1 + Math.log10(lines));
  let k = Math.round((hourly ? rng.int(3, 7) : rng.int(2, 4)) * scaleRows);
  const units = integer ? Math.max(0, Math.round(total)) : Math.round(total * 10) / 10;
  if (units <= 0) return 0;
  if (integer) k = Math.min(k, units);
  const buckets: { startMs: number; weight: number }[] = [];
  const span = toMs - fromMs;
  let guard = 0;
  while (buckets.length < k && guard++ < k * 40) {
    const ms = fromMs + Math.floor(rng.next() * span);
    const local = wallClock(tz, ms);
    const w = hourWeight(tariff.service, segment, local.getUTCDay(), local.getUTCHours(), isHoliday(local.getUTCMonth(), local.getUTCDate()));
    if (rng.next() * 1.9 > w) continue;
    const bucketMs = hourly ? ms - (ms % HOUR) : localToUtcMs(tz, local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
    if (bucketMs < fromMs - (hourly ? 0 : DAY) || buckets.some((b) => b.startMs === bucketMs)) continue;
    buckets.push({ startMs: bucketMs, weight: -Math.log(1 - rng.next()) + 0.2 });
  }
  if (buckets.length === 0) return 0;
  const sumW = buckets.reduce((s, b) => s + b.weight, 0);
  let left = units;
  let written = 0;
  buckets.forEach((b, i) => {
    let q = i === buckets.length - 1 ? left : integer ? Math.max(1, Math.floor((units * b.weight) / sumW)) : Math.round(((units * b.weight) / sumW) * 10) / 10;
    q = Math.min(q, left - (integer ? buckets.length - 1 - i : 0));
    if (!integer) q = Math.round(q * 10) / 10;
    if (q <= 0) return;
    left = integer ? left - q : Math.round((left - q) * 10) / 10;
    written += q;
    out.write('usage_records', [nextId(), cid, subId, tariff.service, iso(b.startMs), hourly ? 1 : 24, fmtQty(q), tariff.unit, iso(Math.min(toMs, b.startMs + (hourly ? HOUR : DAY)))]);
  });
  return integer ? written : Math.round(written * 10) / 10;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function fmtQty(q: number): string {
  return Number.isInteger(q) ? String(q) : q.toFixed(3);
}
