// Padding as C's printf does it: widths count bytes (UTF-8), not characters.

export const byteLen = (s: string): number => Buffer.byteLength(s, "utf8");

/** printf("%-*s", width, s) */
export const padRight = (s: string, width: number): string => s + " ".repeat(Math.max(0, width - byteLen(s)));

/** printf("%*s", width, s) */
export const padLeft = (s: string, width: number): string => " ".repeat(Math.max(0, width - byteLen(s))) + s;

/** strcasecmp for ASCII: JavaScript's toUpperCase would also fold letters such as "ſ" to "S". */
export const asciiUpper = (s: string): string => s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));
