import { isUploadKey, UPLOAD_KEY_HINT } from '#core/contract/lake.ts';
import { type DatasetId, isDatasetId } from '#core/datasets/index.ts';
import { type Period, parsePeriod } from '#core/period.ts';
import { canonicalRegionCode } from '#core/regions.ts';

/** What a submission is for: dataset, region and period. */
export interface Target {
  dataset: DatasetId;
  region: string;
  period: Period;
}

/** Raw parts of a target as found in a key or given as flags. */
export interface TargetParts {
  dataset?: string;
  region?: string;
  period?: string;
}

/**
 * Find `{region}/{dataset}/{period}/{file}` in an upload key or a local path (the last four segments).
 * Parts are returned unvalidated; `resolveTarget` checks them.
 */
export function partsFromKey(key: string): TargetParts {
  const segments = key.split(/[\\/]/).filter(Boolean);
  if (segments.length < 4) return {};
  const [region, dataset, period] = segments.slice(-4, -1);
  return { region, dataset, period };
}

/**
 * Why an object-store key under `uploads/` cannot be ingested, or undefined: it must be exactly
 * `uploads/{region}/{dataset}/{period}/{file}` with no `.`/`..`/empty segment, so that the region the
 * uploader may write (the first segment, scoped by IAM) is the region the data is for.
 */
export function uploadKeyError(key: string): string | undefined {
  const segments = key.split('/');
  if (!isUploadKey(`${segments[0]}/`)) return undefined;
  const unsafe = segments.some(
    (s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'),
  );
  if (unsafe || segments.length !== 5)
    return `Kunci unggahan tidak sah: "${clip(key, 120)}". Unggah tepat ke ${UPLOAD_KEY_HINT}.`;
  return undefined;
}

/** Validate target parts; each problem is a sentence in Bahasa Indonesia. */
export function resolveTarget(parts: TargetParts): { target: Target } | { errors: string[] } {
  const errors: string[] = [];
  const region = parts.region === undefined ? undefined : canonicalRegionCode(parts.region);
  const dataset = parts.dataset?.toLowerCase();
  const period = parts.period === undefined ? undefined : parsePeriod(parts.period);
  if (region === undefined) {
    errors.push(
      parts.region === undefined
        ? `Kode wilayah tidak diketahui: unggah ke ${UPLOAD_KEY_HINT} atau isi --region.`
        : `Kode wilayah "${clip(parts.region)}" bukan kode Kemendagri provinsi/kabupaten/kota yang dikenal (contoh: 31 atau 31.71).`,
    );
  }
  if (dataset === undefined || !isDatasetId(dataset)) {
    errors.push(
      `Dataset ${parts.dataset === undefined ? 'tidak diketahui' : `"${clip(parts.dataset)}" tidak dikenal`}: gunakan skm, fkp, complaints atau units.`,
    );
  }
  if (period === undefined) {
    errors.push(
      `Periode ${parts.period === undefined ? 'tidak diketahui' : `"${clip(parts.period)}" tidak valid`}: gunakan format triwulan YYYY-Qn, misalnya 2026-Q3.`,
    );
  }
  if (
    errors.length > 0 ||
    region === undefined ||
    period === undefined ||
    dataset === undefined ||
    !isDatasetId(dataset)
  ) {
    return { errors };
  }
  return { target: { dataset, region, period } };
}

/** Shorten user-provided text quoted in a message. */
export const clip = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max)}…` : s);
