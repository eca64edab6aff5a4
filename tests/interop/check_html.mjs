// Checks HTML pages: an HTML5 parse (parse5) without errors and with only the
// elements and attributes the backend writes, then axe-core in headless
// Chromium, in the light and the dark colour scheme, with no request leaving
// the page. Prints one line per failure and a final "N passed, N failed".
// Usage: node check_html.mjs DIR...   (NODE_PATH holds axe-core, puppeteer-core, parse5)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(path.join(process.env.NODE_PATH || process.cwd(), "x.js"));
const puppeteer = require("puppeteer-core");
const parse5 = require("parse5");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// What the backend writes: any other element or attribute came from input.
const ELEMENTS = new Set([
  "html", "head", "meta", "title", "style", "script", "body", "header", "h1", "p",
  "address", "ul", "li", "a", "main", "section", "h2", "article", "h3", "span",
  "time", "strong", "em", "br",
  // The photo, and the letterhead of --brand.
  "img", "aside", "div", "footer",
  // Contact icons (header.contacts = "icons"): inline SVG, one path.
  "svg", "path",
  // A cover letter's numbered list.
  "ol",
]);
const ATTRIBUTES = new Set([
  "lang", "dir", "charset", "http-equiv", "content", "name", "property", "type",
  "class", "id", "href", "rel", "datetime",
  "src", "alt", "width", "height", "aria-label",
  "aria-hidden", "focusable", "viewBox", "fill", "d",
  "start",
]);
// Images are inline, never fetched.
const SAFE_IMAGE = /^data:image\/(jpeg|png|svg\+xml);base64,[A-Za-z0-9+\/=]+$/;
// An inline SVG (a brand's logo) holds shapes only: no script, no event
// handler, no foreign content, no reference outside itself.
function unsafeSvg(src) {
  if (!src.startsWith("data:image/svg+xml;")) return null;
  const svg = Buffer.from(src.slice(src.indexOf(",") + 1), "base64").toString("utf8");
  if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg)) return "an inline SVG that does not start with <svg>";
  if (/<script|<foreignObject|<image|\son[a-z]+\s*=/i.test(svg)) return "an inline SVG with a script, foreign content or image";
  const refs = [...svg.matchAll(/(?:href|url\()\s*=?\s*["']?([^"')\s]*)/g)].map((m) => m[1]);
  const outside = refs.find((r) => r && !r.startsWith("#"));
  return outside ? `an inline SVG referring outside itself (${outside})` : null;
}
const SAFE_LINK = /^(https?:\/\/|mailto:|tel:)/i;

const files = process.argv.slice(2).flatMap((d) =>
  fs.readdirSync(d).filter((f) => f.endsWith(".html")).sort().map((f) => path.join(d, f)));
let passed = 0;
let failed = 0;
const fail = (file, why) => { console.log(`FAIL: ${file}: ${why}`); return false; };

function structure(file, html) {
  const errors = [];
  const doc = parse5.parse(html, { onParseError: (e) => errors.push(e.code) });
  if (errors.length) return fail(file, `HTML5 parse errors: ${[...new Set(errors)].join(", ")}`);
  const counts = { h1: 0, script: 0 };
  let ok = true;
  const walk = (node) => {
    if (node.tagName) {
      if (!ELEMENTS.has(node.tagName)) ok = fail(file, `unexpected element <${node.tagName}>`);
      if (node.tagName in counts) counts[node.tagName] += 1;
      for (const a of node.attrs) {
        if (!ATTRIBUTES.has(a.name)) ok = fail(file, `unexpected attribute ${a.name} on <${node.tagName}>`);
        if (a.name === "href" && !SAFE_LINK.test(a.value)) ok = fail(file, `unsafe link ${a.value}`);
        if (a.name === "src" && !SAFE_IMAGE.test(a.value)) ok = fail(file, `an image that is not an inline JPEG, PNG or SVG`);
        const svg = a.name === "src" ? unsafeSvg(a.value) : null;
        if (svg) ok = fail(file, svg);
      }
      if (node.tagName === "script" && !node.attrs.some((a) => a.name === "type" && a.value === "application/ld+json")) {
        ok = fail(file, "a script that is not JSON-LD");
      }
      if (node.tagName === "script") {
        const text = (node.childNodes || []).map((n) => n.value || "").join("");
        try { JSON.parse(text); } catch (e) { ok = fail(file, `JSON-LD does not parse: ${e.message}`); }
      }
    }
    for (const c of node.childNodes || []) walk(c);
    if (node.content) walk(node.content);
  };
  walk(doc);
  if (counts.h1 !== 1) ok = fail(file, `${counts.h1} <h1> elements`);
  if (counts.script !== 1) ok = fail(file, `${counts.script} <script> elements`);
  return ok;
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "check-html-chromium-"));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    `--user-data-dir=${profile}`,
  ],
});
try {
  const page = await browser.newPage();
  let requests = [];
  await page.setRequestInterception(true);
  page.on("request", (r) => { requests.push(r.url()); r.continue(); });
  for (const file of files) {
    const html = fs.readFileSync(file, "utf8");
    let ok = structure(file, html);
    const url = pathToFileURL(path.resolve(file)).href;
    for (const scheme of ["light", "dark"]) {
      requests = [];
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      await page.goto(url, { waitUntil: "load" });
      // data: URIs (the photo, the logo) are part of the page.
      const others = requests.filter((u) => u !== url && !u.startsWith("data:"));
      if (others.length) ok = fail(file, `requests left the page: ${others.join(" ")}`);
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      for (const v of result.violations) {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
        ok = fail(file, `axe (${scheme}): ${v.id} (${v.impact}) ${v.help} at ${where}`);
      }
    }
    if (ok) passed += 1; else failed += 1;
  }
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
