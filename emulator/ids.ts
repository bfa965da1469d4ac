/**
 * Identifier formats of the real server: Mongo ObjectIds (24 hex) and `shortid` suffixes for
 * generated integration identifiers.
 */
import { randomBytes } from "node:crypto";

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

/** class-validator's `IsMongoId`: a 24-character hex string. */
export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && OBJECT_ID.test(value);
}

let counter = randomBytes(3).readUIntBE(0, 3);

/** A new ObjectId like Mongo's: 4-byte timestamp, 5 random bytes, 3-byte counter. */
export function newObjectId(now: Date = new Date()): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(now.getTime() / 1000).toString(16).padStart(8, "0");
  return seconds + randomBytes(5).toString("hex") + counter.toString(16).padStart(6, "0");
}

const SHORTID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";

/** A `shortid`-like suffix: 9 characters of `[0-9A-Za-z_-]` (real ones are 7–14). */
export function newShortId(): string {
  return Array.from(randomBytes(9), (byte) => SHORTID_ALPHABET[byte % 64]).join("");
}
