import { isDatasetId } from '#core/datasets/index.ts';
import { lake } from '#core/lake.ts';
import { parsePeriod } from '#core/period.ts';
import { canonicalRegionCode } from '#core/regions.ts';
import { sizeText } from '#ingest/limits.ts';
import { HttpError, type Identity, uploaderRegion } from './identity.ts';

/** Largest file accepted through the web (a 2 M-row SKM CSV is about 200 MB). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/** Where one upload goes: the key (region from the identity) and the size announced. */
export interface UploadPlan {
  key: string;
  region: string;
  dataset: string;
  period: string;
  filename: string;
  size: number;
}

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._()+,&'-]{0,119}$/u;

/**
 * A file name as one key segment. Anything that could name a folder (`/`, `\`, `..`, their URL encodings)
 * is refused with 403, whatever region it names: the key's folder is the caller's own region, full stop.
 */
export function safeFileName(input: unknown): string {
  const name = typeof input === 'string' ? input.trim() : '';
  if (/[/\\]|%2f|%5c|%2e%2e|\.\./i.test(name))
    throw new HttpError(
      403,
      'Nama berkas tidak boleh berisi folder (/, \\ atau ..): unggahan hanya ke folder wilayah Anda.',
    );
  if (!NAME.test(name))
    throw new HttpError(
      400,
      'Nama berkas tidak valid: gunakan huruf, angka, spasi, titik, tanda hubung (maks. 120 karakter).',
    );
  return name;
}

/** A region the request names (body, form) must be the caller's own: anything else is 403. */
function rejectOtherRegion(region: string, named: unknown): void {
  if (named === undefined || named === null || named === '') return;
  if (typeof named !== 'string' || canonicalRegionCode(named) !== region)
    throw new HttpError(403, 'Akses ditolak: Anda hanya dapat mengunggah data wilayah Anda sendiri.');
}

/** Check an upload request (`POST /api/uploads`): the key is built from the identity's region only. */
export function planUpload(who: Identity | undefined, body: Record<string, unknown>): UploadPlan {
  const region = uploaderRegion(who);
  rejectOtherRegion(region, body.region_code);
  rejectOtherRegion(region, body.region);
  if (body.key !== undefined) checkUploadKey(who, body.key);
  const dataset = String(body.dataset ?? '').toLowerCase();
  if (!isDatasetId(dataset))
    throw new HttpError(400, 'Dataset tidak dikenal: pilih skm, fkp, complaints atau units.');
  const period = parsePeriod(String(body.period ?? ''));
  if (!period)
    throw new HttpError(400, 'Periode tidak valid: gunakan format triwulan YYYY-Qn, mis. 2026-Q3.');
  const filename = safeFileName(body.filename);
  const size = Number(body.size);
  if (!Number.isInteger(size) || size <= 0)
    throw new HttpError(400, 'Ukuran berkas tidak valid atau berkas kosong.');
  if (size > MAX_UPLOAD_BYTES)
    throw new HttpError(
      413,
      `Berkas terlalu besar (${sizeText(size)}); batas ${sizeText(MAX_UPLOAD_BYTES)}.`,
    );
  return {
    key: lake.uploadKey(region, dataset, period, filename),
    region,
    dataset,
    period: period.id,
    filename,
    size,
  };
}

/**
 * Check a key a client posts back (local upload target): exactly `uploads/{own region}/{dataset}/{period}/{file}`.
 * Another region anywhere in the key is 403; a malformed key is 400.
 */
export function checkUploadKey(who: Identity | undefined, key: unknown): string {
  const region = uploaderRegion(who);
  const segments = typeof key === 'string' ? key.split('/') : [];
  const [root, keyRegion, dataset, period, file] = segments;
  if (
    keyRegion !== region ||
    segments
      .slice(1, -1)
      .some((s) => s === '..' || s === '.' || (canonicalRegionCode(s) ?? region) !== region)
  )
    throw new HttpError(403, 'Akses ditolak: Anda hanya dapat mengunggah data wilayah Anda sendiri.');
  const p = parsePeriod(period ?? '');
  if (root !== 'uploads' || segments.length !== 5 || !isDatasetId(dataset ?? '') || !p || p.id !== period)
    throw new HttpError(400, 'Kunci unggahan tidak valid.');
  safeFileName(file);
  return key as string;
}
