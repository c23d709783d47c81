import type { Methodology } from '#core/methodology.ts';
import { DAY, MINUTE } from './calendar.ts';
import type { Row } from './cells.ts';

/** Krejcie & Morgan sample size for a population N (docs/methodology.md), rounded up. */
export function krejcieMorgan(n: number, m: Methodology): number {
  const t = m.integrity.skm_undersampled as { chi2: number; p: number; d: number };
  const pq = t.p * (1 - t.p);
  return Math.ceil((t.chi2 * n * pq) / (t.d * t.d * (n - 1) + t.chi2 * pq));
}

const UNSUR = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;

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
    let key = '';
    let same = true;
    let max = true;
    const first = r.u1;
    for (let i = 0; i < 9; i++) {
      const s = r[UNSUR[i]!] as number | null;
      key += `${s},`;
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
    key += `${r.gender}|${r.age}|${r.education}|${r.occupation}|${r.service_type}|${r.survey_date}|${r.submitted_at}`;
    if (this.seen.has(key)) this.copies++;
    else this.seen.add(key);
  }

  /** IKM konversi (exact 1/9 weights), rounded to 2 decimals. */
  konversi(m: Methodology): number {
    const nrr = this.sums.map((s, i) => s / (this.answered[i] || 1));
    return Math.round((nrr.reduce((a, b) => a + b, 0) / 9) * m.ikm.konversi_factor * 100) / 100;
  }

  grade(m: Methodology): string {
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
    if (this.n < krejcieMorgan(annualUsers, m)) out.push('skm_undersampled');
    return out;
  }
}

/** Complaint measures of one unit in one period. */
export class ComplaintUnitStats {
  received = 0;
  completedIn60 = 0;
  impossible = 0;

  add(r: Row, m: Methodology): void {
    this.received++;
    const rec = r.received_at as number;
    const done = r.completed_at as number | null;
    const ver = r.verified_at as number | null;
    if (done !== null && done - rec >= 0 && done - rec <= m.complaints.complete_days * DAY)
      this.completedIn60++;
    if ((done !== null && done < rec) || (ver !== null && ver < rec)) this.impossible++;
  }

  /** `skm_grade_vs_complaints` given the unit's IKM grade. */
  gradeConflict(grade: string | undefined, m: Methodology): boolean {
    const t = m.integrity.skm_grade_vs_complaints as {
      grade: string;
      completed_share_below: number;
      min_complaints: number;
    };
    return (
      grade === t.grade &&
      this.received >= t.min_complaints &&
      this.completedIn60 / this.received < t.completed_share_below
    );
  }
}
