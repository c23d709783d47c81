/** Windows-1252 bytes of the non-ASCII characters the generator writes (Latin-1 range maps to itself). */
const SPECIAL: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

/**
 * Encode text as Windows-1252, as spreadsheets on Indonesian office PCs save "CSV". Node only encodes
 * UTF-8 natively; this covers ASCII, Latin-1 (é, ü, ñ …) and the punctuation in `SPECIAL`.
 * @throws RangeError for a character the code page cannot hold (a generator bug, not data).
 */
export function encodeCp1252(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const b = SPECIAL[text[i]!];
      if (b === undefined) throw new RangeError(`karakter tidak ada di Windows-1252: ${text[i]}`);
      out[i] = b;
    }
  }
  return out;
}
