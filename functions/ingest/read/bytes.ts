/** The ASCII characters the readers scan raw bytes for (CSV lines, the JSON guard, the XLSX fast path). */
export const LF = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const AMP = 0x26;
export const APOSTROPHE = 0x27;
export const COMMA = 0x2c;
export const SLASH = 0x2f;
export const COLON = 0x3a;
export const LT = 0x3c;
export const EQUALS = 0x3d;
export const GT = 0x3e;
export const OPEN_ARRAY = 0x5b;
export const BACKSLASH = 0x5c;
export const CLOSE_ARRAY = 0x5d;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
