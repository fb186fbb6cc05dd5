// End-to-end browser test of `cordon serve`: starts the server on a free port with a
// fresh data directory, drives Debian's chromium (headless) with playwright-core, and
// stops the server. Screenshots go to target/e2e-screenshots/.
//
//   node crates/server/e2e/run.mjs            (from the repository root, after cargo build)
//   CORDON_BIN=path/to/cordon node run.mjs    (another binary)
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import net from "node:net";
import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const targetDir = process.env.CARGO_TARGET_DIR || join(root, "target");
const bin = process.env.CORDON_BIN || join(targetDir, "debug", "cordon");
const shots = join(root, "target", "e2e-screenshots");
mkdirSync(shots, { recursive: true });

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); });
    s.on("error", fail);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function check(cond, what) {
  if (!cond) throw new Error("check failed: " + what);
  console.log("  ok  " + what);
}

const tmp = mkdtempSync(join(tmpdir(), "cordon-e2e-"));
const port = await freePort();
const ready = join(tmp, "ready");
if (!existsSync(bin)) { console.error(`no binary at ${bin}: run cargo build first`); process.exit(2); }
const server = spawn(bin, ["serve", "--addr", `127.0.0.1:${port}`, "--data", join(tmp, "data"),
  "--token-file", join(tmp, "token"), "--ready-file", ready], { stdio: ["ignore", "inherit", "pipe"] });
let serverLog = "";
server.stderr.on("data", (d) => { serverLog += d; });
let browser;
let failed = false;
try {
  const deadline = Date.now() + 60_000;
  while (!existsSync(ready)) {
    if (server.exitCode !== null) throw new Error("server exited:\n" + serverLog);
    if (Date.now() > deadline) throw new Error("server not ready after 60 s:\n" + serverLog);
    await sleep(100);
  }
  const base = `http://127.0.0.1:${port}`;
  console.log(`server ready on ${base}`);
  check(!serverLog.includes(readFileSync(join(tmp, "token"), "utf8").trim()) || serverLog.includes("write token"), "token printed once at first start");

  // A fresh profile (--user-data-dir) in the temporary directory.
  browser = await chromium.launchPersistentContext(join(tmp, "chromium-profile"), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = browser.pages()[0] || (await browser.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

  // 1. The app opens on the incident list.
  await page.goto(base + "/");
  check((await page.locator("#incidents tbody tr").count()) >= 20, "incident list shows the example incidents");
  await page.screenshot({ path: join(shots, "1-incidents.png"), fullPage: true });

  // 2. Search for an incident.
  await page.fill("input[name=q]", "red phase");
  await Promise.all([page.waitForURL(/\/incidents\?/), page.click("form.filters button[type=submit]")]);
  const rows = page.locator("#incidents tbody tr");
  check((await rows.count()) >= 1, "search finds the red-phase incident");
  await page.screenshot({ path: join(shots, "2-search.png"), fullPage: true });

  // 3. Open it.
  await Promise.all([page.waitForURL(/\/incidents\/INC-/), rows.first().locator("a").first().click()]);
  check((await page.locator("h1#title").textContent()).length > 0, "incident page has a title");
  check((await page.locator("details.evidence").count()) > 0, "fields carry their evidence sentence");
  check((await page.locator(".prov.stated").count()) > 0, "stated values are marked");
  await page.screenshot({ path: join(shots, "3-incident.png"), fullPage: true });

  // 4. The services board, then the red-phase scenario.
  await page.goto(base + "/services");
  const degradedBefore = await page.locator('.card[data-state="degraded"]').count();
  check((await page.locator("#board").getAttribute("data-scenario")) === "green", "board starts in normal operation");
  await page.screenshot({ path: join(shots, "4-board-green.png"), fullPage: true });
  await Promise.all([page.waitForURL(/scenario=red-phase/), page.selectOption("#scenario-select", "red-phase")]);
  await page.waitForSelector('#board[data-scenario="red-phase"]');
  const booking = await page.locator('.card[data-service="online-booking"]').getAttribute("data-state");
  const degradedAfter = await page.locator('.card[data-state="degraded"]').count();
  check(booking === "degraded", "red phase: online booking falls back to phone booking");
  check(degradedAfter > degradedBefore, `the board changed (${degradedBefore} → ${degradedAfter} degraded)`);
  await page.screenshot({ path: join(shots, "5-board-red-phase.png"), fullPage: true });

  // The board orders services by impact and shows the step timeline.
  const states = await page.locator("#board .card").evaluateAll((cs) => cs.map((c) => c.dataset.state));
  const firstUp = states.indexOf("up");
  check(firstUp > 0 && states.slice(firstUp).every((x) => x === "up"), "services sorted by impact (down/degraded first)");
  check((await page.locator("#timeline li.tstep").count()) === 4, "red phase timeline: start + 3 steps");
  // The situation's cautions, in plain words: possible footholds after the gateway is switched off.
  const footholds = page.locator("#board p.possibly-held");
  check(await footholds.isVisible(), "red phase: possibly held components shown");
  check((await footholds.textContent()).includes("for a foothold") && (await footholds.locator("code", { hasText: /^ehr-db$/ }).count()) === 1,
    "possibly held: labelled and listing ehr-db");

  // 4b. Typed steps in the scenario-file syntax; an error keeps what was typed.
  await page.goto(base + "/services");
  await page.locator("details.build summary").click();
  const typed = "compromise: vpn-gw\nisolate: \"vpn-gw -> ad-dc1\"\nshutdown: nothing-here";
  await page.fill("#steps", typed);
  const logged = errors.length;
  await Promise.all([page.waitForURL(/steps=/), page.click("#run-steps")]);
  check(await page.locator("#scenario-error").isVisible(), "a wrong step shows the error");
  // The page is answered 400 on purpose; the browser logs that status, nothing else may be logged.
  errors.splice(logged, errors.length - logged, ...errors.slice(logged).filter((e) => !e.includes("status of 400")));
  check((await page.locator("#steps").inputValue()) === typed, "the typed steps are kept on an error");
  check((await page.locator("#scenario-error").textContent()).includes(":3:"), "the error names the typed line");
  await page.screenshot({ path: join(shots, "5b-board-error.png"), fullPage: true });
  await page.fill("#steps", "compromise: vpn-gw\nisolate: \"vpn-gw -> ad-dc1\"\nisolate zone:dmz\nrestore zone:dmz");
  await Promise.all([page.waitForURL(/steps=/), page.click("#run-steps")]);
  await page.waitForSelector("#board");
  check((await page.locator("#timeline li.tstep").count()) === 5, "typed steps run (A -> B, zone, restore)");
  // A held external party whose every link is cut is shown as cut off, not switched off.
  await page.fill("#steps", "compromise: internet\nisolate: external");
  await Promise.all([page.waitForURL(/steps=/), page.click("#run-steps")]);
  await page.waitForSelector("#board");
  const cutOff = page.locator("#board p.held-cut-off");
  check(await cutOff.isVisible(), "held and cut off: shown");
  check((await cutOff.textContent()).includes("reaches nothing of ours") && (await cutOff.locator("code", { hasText: /^internet$/ }).count()) === 1,
    "held and cut off: labelled and naming internet");

  // 4c. Load a scenario file into the box and run it.
  await page.locator("details.build summary").click().catch(() => {});
  await page.setInputFiles("#scenario-file", join(root, "examples/hospital-group/scenarios/servers-shut-down.yaml"));
  await page.waitForFunction(() => document.getElementById("steps").value.includes("steps:"));
  await Promise.all([page.waitForURL(/steps=/), page.click("#run-steps")]);
  await page.waitForSelector("#board");
  check((await page.locator("#timeline li.tstep").count()) >= 2, "a loaded scenario file runs");
  await page.screenshot({ path: join(shots, "5c-board-file.png"), fullPage: true });

  // 4d. Two scenarios side by side.
  await page.goto(base + "/services?scenario=red-phase&compare=servers-shut-down");
  check((await page.locator("#board.compare section.outcome").count()) === 2, "two scenarios side by side");
  await page.screenshot({ path: join(shots, "5d-board-compare.png"), fullPage: true });

  // 4e. Recovery plan and air-gap runbook, and the runbook's print rendering.
  await page.goto(base + "/recover?scenario=red-phase");
  check(await page.locator("#recovery").isVisible(), "recovery plan page");
  // "verified" states its assumption in the CLI's words (RecoveryStep::verdict): vpn-gw is
  // still off, and the step stays safe once it is back.
  const assumes = page.locator("#recovery .assumes-off");
  check((await assumes.count()) >= 1, "recovery: steps say what they assume still off");
  const firstAssumes = await assumes.first().textContent();
  check(firstAssumes.includes("verified; no crown jewel reached; also safe once vpn-gw is restored clean"),
    "recovery: assumes_off and safe_if_restored in the CLI's words");
  // A step's preconditions come before its action, as in `cordon recover`.
  const firstStep = page.locator("#recovery li.rstep", { has: page.locator(".first") }).first();
  check((await firstStep.locator("> div").first().textContent()).startsWith("first: rebuild vpn-gw from clean media"),
    "recovery: a step's preconditions are stated before its action");
  await page.screenshot({ path: join(shots, "5e-recovery.png"), fullPage: true });
  await page.goto(base + "/airgap?core=zone:clinical");
  check((await page.locator("#runbook ol.rsteps > li").count()) >= 1, "air-gap runbook steps");
  check((await page.locator("#airgap-cost").textContent()).includes("Total cost 2 — the cheapest cut"), "air-gap runbook says why its cut costs what it costs");
  await page.emulateMedia({ media: "print" });
  check(!(await page.locator("header.top").isVisible()), "print: navigation left out");
  check(!(await page.locator("form").first().isVisible()), "print: forms left out");
  check(await page.locator("#runbook").isVisible(), "print: the runbook stays");
  await page.screenshot({ path: join(shots, "5f-airgap-print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });

  // 5. The estate and exposure pages render their attack-graph pictures.
  await page.goto(base + "/exposure");
  check((await page.locator("section.jewel").count()) > 0, "exposure lists the crown jewels");
  // Severity badges are readable: contrast of text on background at least 4.5:1 (WCAG AA).
  const contrasts = await page.locator("ul.findings li[class^=sev-critical] .sev, ul.findings li[class^=sev-high] .sev").evaluateAll((els) => els.map((el) => {
    const rgb = (s) => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    const cs = getComputedStyle(el);
    const a = lum(rgb(cs.color)), b = lum(rgb(cs.backgroundColor));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }));
  check(contrasts.length > 0 && contrasts.every((c) => c >= 4.5), `CRITICAL/HIGH badges readable (contrast ${contrasts.map((c) => c.toFixed(1)).join(", ")})`);
  await page.screenshot({ path: join(shots, "6-exposure.png"), fullPage: true });
  await page.goto(base + "/estate");
  await page.screenshot({ path: join(shots, "7-estate.png"), fullPage: true });

  check(errors.length === 0, "no script errors or CSP violations in the console" + (errors.length ? ": " + errors.join("; ") : ""));
  console.log(`e2e passed; screenshots in ${shots}`);
} catch (e) {
  failed = true;
  console.error("e2e FAILED:", e.message);
} finally {
  if (browser) await browser.close().catch(() => {});
  server.kill("SIGTERM");
  await new Promise((r) => (server.exitCode !== null ? r() : server.on("exit", r)));
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
