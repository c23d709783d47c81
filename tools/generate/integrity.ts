import type { Methodology } from '#core/methodology.ts';
import { DAY, MINUTE } from './calendar.ts';
import type { Row } from './cells.ts';

type KrejcieMorgan = { chi2: number; p: number; d: number; users: string; rounding: string };

/** Krejcie & Morgan sample size for a population N: rounded up (v1) or to the nearest (v2 rule 6). */
export function krejcieMorgan(n: number, m: Methodology): number {
  const t = m.integrity.skm_undersampled as unknown as KrejcieMorgan;
  const pq = t.p * (1 - t.p);
  const exact = (t.chi2 * n * pq) / (t.d * t.d * (n - 1) + t.chi2 * pq);
  return t.rounding === 'nearest' ? Math.round(exact) : Math.ceil(exact);
}

/** N for a quarter: the annual users (v1), or their share of a quarter's three months rounded up (v2 rule 6). */
export function quarterPopulation(annualUsers: number, m: Methodology): number {
  const t = m.integrity.skm_undersampled as unknown as KrejcieMorgan;
  return t.users === 'period' ? Math.ceil((annualUsers * 3) / 12) : annualUsers;
}

/** The nine unsur columns of an SKM row, in order. */
export const UNSUR = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;

/** Exact SKM integrity measures of one unit's valid questionnaires in one period. */
export class SkmUnitStats {
  n = 0;
  straight = 0;
  allMax = 0;
  private sums = new Array<number>(9).fill(0);
  private answered = new Array<number>(9).fill(0);
  private times: number[] = [];
  private seen = new Set<string>();
  private copies = 0;

  add(r: Row): void {
    this.n++;
    let same = true;
    let max = true;
    const first = r.u1;
    for (let i = 0; i < 9; i++) {
      const s = r[UNSUR[i]!] as number | null;
      if (s !== null) {
        this.sums[i]! += s;
        this.answered[i]!++;
      }
      same &&= s !== null && s === first;
      max &&= s === 4;
    }
    if (same) this.straight++;
    if (max) this.allMax++;
    if (typeof r.submitted_at === 'number') this.times.push(r.submitted_at);
    const key = `${r.u1},${r.u2},${r.u3},${r.u4},${r.u5},${r.u6},${r.u7},${r.u8},${r.u9},${r.gender}|${r.age}|${r.education}|${r.occupation}|${r.service_type}|${r.survey_date}|${r.submitted_at}`;
    const before = this.seen.size;
    this.seen.add(key);
    if (this.seen.size === before) this.copies++;
  }

  /** Some unsur nobody answered (v2 rule 7: no IKM, flag `skm_incomplete_unsur`). */
  incomplete(): boolean {
    return this.answered.some((a) => a === 0);
  }

  /** IKM konversi (exact 1/9 weights), rounded to 2 decimals. */
  konversi(m: Methodology): number {
    const nrr = this.sums.map((s, i) => s / (this.answered[i] || 1));
    return Math.round((nrr.reduce((a, b) => a + b, 0) / 9) * m.ikm.konversi_factor * 100) / 100;
  }

  /** The grade, or undefined when the methodology needs all nine unsur and one has no answer. */
  grade(m: Methodology): string | undefined {
    if (m.ikm.require_all_unsur && this.incomplete()) return undefined;
    const k = this.konversi(m);
    return m.ikm.grades.find((g) => k >= g.min && k <= g.max)?.mutu ?? 'D';
  }

  /** Largest number of questionnaires submitted within any window of `minutes`. */
  maxInWindow(minutes: number): number {
    const t = [...this.times].sort((a, b) => a - b);
    let best = 0;
    for (let i = 0, j = 0; j < t.length; j++) {
      while (t[j]! - t[i]! > minutes * MINUTE) i++;
      best = Math.max(best, j - i + 1);
    }
    return best;
  }

  /** The SKM integrity flags this unit raises, given its annual service users. */
  flags(m: Methodology, annualUsers: number): string[] {
    const th = (flag: string, key: string) => Number(m.integrity[flag]?.[key]);
    const out: string[] = [];
    const share = (x: number, flag: string) =>
      this.n >= th(flag, 'min_responses') && x / this.n >= th(flag, 'share');
    if (share(this.straight, 'skm_straightlining')) out.push('skm_straightlining');
    if (share(this.allMax, 'skm_all_max')) out.push('skm_all_max');
    if (this.maxInWindow(th('skm_burst', 'window_minutes')) >= th('skm_burst', 'count'))
      out.push('skm_burst');
    if (share(this.copies, 'skm_duplicates')) out.push('skm_duplicates');
    if (this.n < krejcieMorgan(quarterPopulation(annualUsers, m), m)) out.push('skm_undersampled');
    if (m.ikm.require_all_unsur && this.incomplete()) out.push('skm_incomplete_unsur');
    return out;
  }
}

const dayNo = (t: number) => Math.floor(t / DAY);
const ADMIN_CLOSED = new Set(['diarsipkan', 'bukan_wewenang']);

/**
 * Complaint measures of one unit in one period, as exported at `cutoff` (local ms, the upload time): the
 * completion SLA met / missed / pending (v2 rules 1–2) and impossible timelines (v2 rule 8 orderings).
 */
export class ComplaintUnitStats {
  received = 0;
  completionMet = 0;
  completionMissed = 0;
  completionPending = 0;
  impossible = 0;

  add(r: Row, m: Methodology, cutoff: number): void {
    this.received++;
    const rec = r.received_at as number;
    const done = r.completed_at as number | null;
    const ver = r.verified_at as number | null;
    const fol = r.followed_up_at as number | null;
    const c = m.complaints;
    if (!(c.admin_closed_verification_only && ADMIN_CLOSED.has(String(r.status)))) {
      if (done !== null && done >= rec && dayNo(done) - dayNo(rec) <= c.complete_days) this.completionMet++;
      else if (done === null && c.censor_at_cutoff && dayNo(cutoff) - dayNo(rec) <= c.complete_days)
        this.completionPending++;
      else this.completionMissed++;
    }
    const before = (a: number | null, b: number | null) => a !== null && b !== null && a < b;
    const orderings = m.integrity.complaint_impossible_timeline?.orderings === true;
    if (
      before(done, rec) ||
      before(ver, rec) ||
      before(fol, rec) ||
      (orderings && (before(fol, ver) || before(done, fol) || (r.status === 'selesai' && done === null)))
    )
      this.impossible++;
  }

  /** `skm_grade_vs_complaints` given the unit's IKM grade. */
  gradeConflict(grade: string | undefined, m: Methodology): boolean {
    const t = m.integrity.skm_grade_vs_complaints as {
      grade: string;
      completed_share_below: number;
      min_complaints: number;
    };
    const due = this.completionMet + this.completionMissed;
    return grade === t.grade && due >= t.min_complaints && this.completionMet / due < t.completed_share_below;
  }
}
