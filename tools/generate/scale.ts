import { REGIONS, type Region } from '#core/regions.ts';

export type ScaleName = 'tiny' | 'small' | 'national';
export const SCALES: readonly ScaleName[] = ['tiny', 'small', 'national'];

/** Size knobs of one scale. */
export interface Scale {
  name: ScaleName;
  regions: readonly Region[];
  /** Mean service units per kabupaten/kota; provinces and large regions get more. */
  unitsPerRegion: number;
  /** Median annual service users of a unit (the Krejcie–Morgan population), before the unit-type factor. */
  usersMedian: number;
  /** Mean complaints per unit per quarter, before the unit-type factor. */
  complaintsPerUnit: number;
}

/** Tiny: three provinces with kabupaten and kota under them (12 regions). */
const TINY_CODES = [
  '31',
  '31.01',
  '31.71',
  '31.72',
  '33',
  '33.01',
  '33.02',
  '33.71',
  '64',
  '64.01',
  '64.02',
  '64.71',
];

export function scaleOf(name: ScaleName): Scale {
  switch (name) {
    case 'tiny':
      return {
        name,
        regions: REGIONS.filter((r) => TINY_CODES.includes(r.code)),
        unitsPerRegion: 6,
        usersMedian: 150,
        complaintsPerUnit: 8,
      };
    case 'small':
      return { name, regions: REGIONS, unitsPerRegion: 6, usersMedian: 200, complaintsPerUnit: 6 };
    case 'national':
      return { name, regions: REGIONS, unitsPerRegion: 45, usersMedian: 20_000, complaintsPerUnit: 30 };
  }
}

/** Integrity behaviours the generator plants in a few units (flag codes of `integrity_flags`). */
export const PLANTED_FLAGS = [
  'skm_straightlining',
  'skm_all_max',
  'skm_burst',
  'skm_duplicates',
  'fkp_ceremonial',
  'complaint_impossible_timeline',
  'skm_grade_vs_complaints',
] as const;
export type PlantedFlag = (typeof PLANTED_FLAGS)[number];

/** Shares of mess and misbehaviour; every kind appears at least once at every scale. */
export interface MessShares {
  /** Per (region, dataset, period): no file at all. */
  missing: number;
  /** Per submission: uploaded after the deadline. */
  late: number;
  /** Per submission: the upload is malformed (rejected). */
  malformed: number;
  /** Per malformed upload: a corrected re-upload follows. */
  reupload: number;
  /** Per accepted upload: the same bytes are uploaded a second time. */
  duplicateUpload: number;
  /** Per file of ≥ 50 rows: about 1 % invalid rows. */
  invalidRows: number;
  /** Per upload: the region folder is written undotted (`3171`). */
  undottedRegion: number;
  /** Per unit and period, for each planted flag. */
  planted: number;
  /** Per clean submission: a nihil report (header, no rows). */
  nihil: number;
  /** Per clean SKM or FKP submission: each of two unit groups sends its own file. */
  unitFiles: number;
}

export const DEFAULT_MESS: MessShares = {
  missing: 0.04,
  late: 0.08,
  malformed: 0.03,
  reupload: 0.5,
  duplicateUpload: 0.01,
  invalidRows: 0.1,
  undottedRegion: 0.04,
  planted: 0.012,
  nihil: 0.01,
  unitFiles: 0.06,
};
