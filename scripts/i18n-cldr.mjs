#!/usr/bin/env node
// Rewrites the CLDR-derived keys of layouts/i18n/<code>.toml: `name`, `months`,
// `months_long`, `date_short`, `date_long`, `date_numeric` and `range_separator`.
// Everything else in the files (section titles, "Present", contact labels) is
// translated by hand and left as it is.
//
// Usage: scripts/i18n-cldr.mjs <node_modules> <code>...
//   <node_modules> holds cldr-dates-full and cldr-localenames-full (npm install
//   cldr-dates-full cldr-localenames-full, in any scratch folder). Not run at
//   build time; the binary reads only the TOML files. `git diff` shows what a
//   newer CLDR changed.
//
// Where the values come from (CLDR's Gregorian calendar of the locale):
//   date_short   availableFormats.yMMM   ("MMM y", "LLL y 'р'.", "y. MMM")
//   date_long    availableFormats.yMMMM
//   date_numeric availableFormats.yM
//   months       the abbreviated names of the context yMMM uses: format (MMM)
//                or stand-alone (LLL); stand-alone when yMMM has no month name
//   months_long  the wide names of the context yMMMM uses (MMMM or LLLL), so
//                that "{month} {year}" takes the grammatical case CLDR pairs
//                with a year (Czech "leden 2020", not "ledna 2020")
//   range_separator  intervalFormats.intervalFormatFallback, what stands between {0} and {1}
//   name         the language's own name (localeDisplayNames), first letter
//                upper-cased as the existing files have it
import { readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const [modules, ...codes] = process.argv.slice(2);
if (!modules || codes.length === 0) {
  console.error("usage: scripts/i18n-cldr.mjs <node_modules> <code>...");
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = (name) => JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
const dates = pkg("cldr-dates-full");
const names = pkg("cldr-localenames-full");

// A CLDR date pattern as our template, or an error naming what it cannot map.
function template(pattern, code) {
  let out = "";
  const used = { short: null, long: null };
  const re = /'((?:[^']|'')*)'|([A-Za-z])\2*|([^'A-Za-z]+)/g;
  for (const m of pattern.matchAll(re)) {
    if (m[1] !== undefined) {
      out += m[1] === "" ? "'" : m[1].replaceAll("''", "'");
    } else if (m[3] !== undefined) {
      out += m[3];
    } else {
      const field = m[0];
      const letter = field[0];
      if (letter === "y") {
        out += "{year}";
      } else if (letter === "M" || letter === "L") {
        const context = letter === "M" ? "format" : "stand-alone";
        if (field.length >= 4) {
          out += "{month}";
          used.long = context;
        } else if (field.length === 3) {
          out += "{mon}";
          used.short = context;
        } else {
          out += field.length === 2 ? "{mm}" : "{m}";
        }
      } else {
        throw new Error(`${code}: cannot map ${field} in ${JSON.stringify(pattern)}`);
      }
    }
  }
  return { text: out, used };
}

const toml = (v) => JSON.stringify(v);
const months = (set) =>
  `[${Array.from({ length: 12 }, (_, i) => toml(set[String(i + 1)])).join(", ")}]`;

for (const code of codes) {
  const greg = JSON.parse(
    readFileSync(join(modules, "cldr-dates-full/main", code, "ca-gregorian.json"), "utf8"),
  ).main[code].dates.calendars.gregorian;
  const langs = JSON.parse(
    readFileSync(join(modules, "cldr-localenames-full/main", code, "languages.json"), "utf8"),
  ).main[code].localeDisplayNames.languages;
  const formats = greg.dateTimeFormats.availableFormats;
  const short = template(formats.yMMM, code);
  const long = template(formats.yMMMM, code);
  const numeric = template(formats.yM, code);
  const longContext = long.used.long ?? short.used.long ?? "stand-alone";
  if (short.used.long && short.used.long !== longContext) {
    throw new Error(`${code}: yMMM and yMMMM want wide names in different contexts`);
  }
  const shortContext = short.used.short ?? long.used.short ?? "stand-alone";
  const fallback = greg.dateTimeFormats.intervalFormats.intervalFormatFallback;
  const separator = fallback.slice(fallback.indexOf("{0}") + 3, fallback.indexOf("{1}"));
  const own = langs[code] ?? code;
  const values = {
    name: toml(own.charAt(0).toLocaleUpperCase(code) + own.slice(1)),
    months: months(greg.months[shortContext].abbreviated),
    months_long: months(greg.months[longContext].wide),
    date_short: toml(short.text),
    date_long: toml(long.text),
    date_numeric: toml(numeric.text),
    range_separator: toml(separator),
  };
  const note =
    `# From CLDR ${dates.version} (cldr-dates-full, cldr-localenames-full; ${dates.license}) ` +
    "by scripts/i18n-cldr.mjs: change them there.";
  const path = join(root, "layouts/i18n", `${code}.toml`);
  const seen = new Set();
  const lines = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.startsWith("# From CLDR ")) continue;
    if (lines.length === 0 && line.startsWith("# ")) {
      // The first line names the language: "# Čeština (cs): the words …".
      lines.push(line.replace(/^# .*? \(/, `# ${JSON.parse(values.name)} (`));
      continue;
    }
    const key = line.match(/^([a-z_]+) = /)?.[1];
    if (key && key in values) {
      if (key === "months") lines.push(note);
      lines.push(`${key} = ${values[key]}`);
      seen.add(key);
    } else {
      lines.push(line);
    }
  }
  const missing = Object.keys(values).filter((k) => !seen.has(k));
  if (missing.length) throw new Error(`${path}: no line for ${missing.join(", ")}`);
  writeFileSync(path, lines.join("\n"));
  console.log(`${code}: ${values.date_short} | ${values.date_long} | ${values.date_numeric}`);
}
if (names.version !== dates.version) {
  console.error(`warning: cldr-localenames-full ${names.version} ≠ cldr-dates-full ${dates.version}`);
}
