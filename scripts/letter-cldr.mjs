#!/usr/bin/env node
// Writes src/document/letter/dates.rs: how each built-in language writes a
// full date in a letter (CLDR's dateFormats/long, with the month names of the
// format context: the genitive with a day in Slavic languages), from the npm
// package cldr-dates-full (CLDR 48, licence Unicode-3.0). Not run at build time.
//   cd /tmp && npm install cldr-dates-full@48.2.0
//   scripts/letter-cldr.mjs /tmp/node_modules > src/document/letter/dates.rs
import { readFileSync } from "node:fs";
const [root] = process.argv.slice(2);
const codes = ["en","de","fr","es","pt","it","nl","pl","ru","ja","zh","ko","ar","he","bg","bn","ca","cs","da","el","fa","fi","hi","hr","hu","id","ms","nb","ro","sk","sr","sv","ta","th","tr","uk","ur","vi"];
// Our pattern: {d} day, {dd} two-digit day, {month} the month's name, {m} and {mm} its number, {year}.
function convert(p) {
  let out = "", i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === "'") {
      const end = p.indexOf("'", i + 1);
      const lit = p.slice(i + 1, end < 0 ? p.length : end);
      out += lit === "" ? "'" : lit;
      i = end < 0 ? p.length : end + 1;
      continue;
    }
    let j = i; while (j < p.length && p[j] === c) j++;
    const n = j - i;
    if (c === "d") out += n >= 2 ? "{dd}" : "{d}";
    else if (c === "M" || c === "L") out += n >= 4 ? "{month}" : n === 3 ? "{month}" : n === 2 ? "{mm}" : "{m}";
    else if (c === "y") out += "{year}";
    else if (c === "G") out += "";
    else out += p.slice(i, j);
    i = j;
  }
  return out.replace(/\s+/g, " ").trim();
}
const esc = (s) => JSON.stringify(s);
let rows = "";
for (const code of codes) {
  const g = JSON.parse(readFileSync(`${root}/cldr-dates-full/main/${code}/ca-gregorian.json`, "utf8")).main[code].dates.calendars.gregorian;
  const pattern = convert(g.dateFormats.long);
  const usesL = /L/.test(g.dateFormats.long);
  const months = usesL ? g.months["stand-alone"].wide : g.months.format.wide;
  const names = Array.from({ length: 12 }, (_, k) => esc(months[String(k + 1)])).join(", ");
  rows += `    (${esc(code.split("-")[0])}, ${esc(pattern)}, [${names}]),\n`;
}
process.stdout.write(`//! How each built-in language writes a letter's date: CLDR 48's \`dateFormats/long\` and month names (format context), from the npm package cldr-dates-full 48.2.0 (licence Unicode-3.0, © Unicode, Inc.), written by \`scripts/letter-cldr.mjs\`; do not edit by hand.

/// (language, pattern with {d}, {dd}, {month}, {m}, {mm}, {year}, month names January first).
pub(super) static DATES: &[(&str, &str, [&str; 12])] = &[
${rows}];
`);
