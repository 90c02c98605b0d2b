// Copies the compiled GOV.UK Frontend and MOJ Frontend files into static/vendor,
// where Django's staticfiles finds them. No Sass build is needed: both packages ship
// compiled CSS and JavaScript. Each minified file ends with a sourceMappingURL comment,
// so its .map is copied too: `collectstatic` in production (hashed names) stops on a
// reference to a file that is not there (tests/project/test_production_smoke.py).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const out = "static/vendor";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const copies = [
  ["node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css", "govuk/govuk-frontend.min.css"],
  ["node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css.map", "govuk/govuk-frontend.min.css.map"],
  ["node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk/govuk-frontend.min.js"],
  ["node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js.map", "govuk/govuk-frontend.min.js.map"],
  ["node_modules/govuk-frontend/dist/govuk/assets", "govuk/assets"],
  ["node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.css", "moj/moj-frontend.min.css"],
  ["node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.css.map", "moj/moj-frontend.min.css.map"],
  ["node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js", "moj/moj-frontend.min.js"],
  ["node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js.map", "moj/moj-frontend.min.js.map"],
  ["node_modules/@ministryofjustice/frontend/moj/assets", "moj/assets"],
];
for (const [from, to] of copies) {
  cpSync(from, `${out}/${to}`, { recursive: true });
}
// The compiled CSS points at /assets/…; point it at the copied assets next to each file.
for (const css of ["govuk/govuk-frontend.min.css", "moj/moj-frontend.min.css"]) {
  const file = `${out}/${css}`;
  writeFileSync(file, readFileSync(file, "utf8").replaceAll("url(/assets/", "url(assets/"));
}
console.log(`assets: copied ${copies.length} items to ${out}`);
