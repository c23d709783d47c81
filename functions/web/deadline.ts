import type { Methodology } from '#core/methodology.ts';
import { type Period, periodEnd, periodOf, previousPeriod } from '#core/period.ts';

type Rules = Pick<Methodology['submission'], 'deadline_days_after_quarter' | 'timezone_offset_hours'>;

const DAY = 86_400_000;

/**
 * The submission deadline of a period as an instant: the methodology's days after the quarter's last day,
 * until 23:59:59 local time (WIB) — the rule of the `submission_status` mart.
 */
export function submissionDeadline(period: Period, rules: Rules): Date {
  const [y, m, d] = periodEnd(period).split('-').map(Number) as [number, number, number];
  const local = Date.UTC(y, m - 1, d + rules.deadline_days_after_quarter, 23, 59, 59);
  return new Date(local - rules.timezone_offset_hours * 3_600_000);
}

/** The calendar day (local time) of an instant, as a day number. */
const localDay = (t: Date, rules: Rules) =>
  Math.floor((t.getTime() + rules.timezone_offset_hours * 3_600_000) / DAY);

/** The period officers report now: the quarter just closed until its deadline passes, then the current one. */
export function reportingPeriod(now: Date, rules: Rules): Period {
  const local = new Date(now.getTime() + rules.timezone_offset_hours * 3_600_000);
  const current = periodOf(local.getUTCFullYear(), Math.floor(local.getUTCMonth() / 3) + 1);
  const closed = previousPeriod(current);
  return now <= submissionDeadline(closed, rules) ? closed : current;
}

/** Whole local days from `now` to the deadline (0 on the deadline day, negative once past). */
export function daysLeft(now: Date, deadline: Date, rules: Rules): number {
  return localDay(deadline, rules) - localDay(now, rules);
}
