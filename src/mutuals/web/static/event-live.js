// Live event pages (phone, big screen, organiser console): server-sent events bring the state at
// every change; between changes the countdown runs here. A file, not inline script, so the
// page's Content-Security-Policy allows it. Names are set as text, never as HTML.
"use strict";

(function () {
  const root = document.getElementById("live");
  if (!root || !window.EventSource) return;
  const kind = root.dataset.live;
  let clock = null; // {roundLeft, breakLeft, running, phase, round, rounds, status, at}

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function replace(id, node) {
    const old = document.getElementById(id);
    if (old) old.replaceWith(node);
  }

  function mmss(seconds) {
    const s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  // -- the countdown --------------------------------------------------------------------------

  function setClock(m) {
    clock = {
      roundLeft: m.round_left, breakLeft: m.break_left, running: m.running, phase: m.phase,
      round: m.round, rounds: m.rounds, status: m.status, at: performance.now(),
    };
    tick();
  }

  function readClock() {
    const c = document.getElementById("clock");
    if (!c) return;
    setClock({
      round_left: Number(c.dataset.roundLeft), break_left: Number(c.dataset.breakLeft),
      running: c.dataset.running === "1", phase: c.dataset.phase, round: Number(c.dataset.round),
      rounds: Number(c.dataset.rounds), status: c.dataset.status,
    });
  }

  function currentPhase() {
    if (!clock) return null;
    if (!["round", "break", "over"].includes(clock.phase)) return { phase: clock.phase, left: 0 };
    const gone = clock.running ? (performance.now() - clock.at) / 1000 : 0;
    const roundLeft = clock.roundLeft - gone;
    const breakLeft = clock.breakLeft - gone;
    if (roundLeft > 0) return { phase: "round", left: roundLeft };
    if (breakLeft > 0) return { phase: "break", left: breakLeft };
    return { phase: "over", left: 0 };
  }

  function tick() {
    const c = document.getElementById("clock");
    const now = currentPhase();
    if (!c || !now) return;
    const paused = clock.status === "paused" ? " · paused" : "";
    const label = {
      waiting: "Starting soon",
      ended: "The evening has ended",
      round: "Round " + clock.round + " of " + clock.rounds,
      break: "Break: move to your next table",
      over: "Round " + clock.round + " is over",
    }[now.phase];
    c.className = "clock phase-" + now.phase;
    document.getElementById("phase").textContent = label + paused;
    document.getElementById("countdown").textContent =
      now.phase === "round" || now.phase === "break" ? mmss(now.left) : "";
    if (kind === "screen" && now.phase !== lastScreenPhase) {
      lastScreenPhase = now.phase;
      if (lastScreen) renderScreen(lastScreen);
    }
  }

  // -- the phone page -------------------------------------------------------------------------

  function personLine(p, withWhy) {
    return el("li", {},
      el("strong", {}, p.name),
      p.company ? [" ", el("span", { class: "muted" }, p.company)] : null,
      p.headline ? el("span", { class: "headline" }, p.headline) : null,
      withWhy ? el("p", { class: "why" }, p.why) : null);
  }

  function renderPhone(view) {
    const seat = view.seat;
    const seatBox = el("section", { id: "seat", class: "seat" });
    if (seat && seat.table) {
      seatBox.append(
        el("p", { class: "table-now" }, "Table ", el("strong", {}, seat.table)),
        el("ul", { class: "with" }, seat.with.map((p) => personLine(p, true))));
    } else if (seat) {
      seatBox.append(el("p", { class: "table-now" }, "You join from the next round."));
    }
    replace("seat", seatBox);

    const next = view.next;
    const nextBox = el("section", { id: "next", class: "next" });
    if (next && next.table) {
      nextBox.append(el("p", {},
        el("span", { class: "muted" }, "Round " + next.round + ":"), " table ",
        el("strong", {}, next.table), " with " + next.with.map((p) => p.name).join(", ")));
    }
    replace("next", nextBox);

    const met = el("section", { id: "met", class: "met" });
    if (view.met.length) {
      met.append(
        el("h2", {}, "Follow up?"),
        el("p", { class: "muted" },
          "Your answers stay private. Contact details are exchanged only when you both say yes."),
        el("ul", { class: "list" }, view.met.map((p) => el("li", { "data-person": p.id },
          el("span", { class: "who" }, el("strong", {}, p.name),
            p.company ? [" ", el("span", { class: "muted" }, p.company)] : null),
          el("span", { class: "answers" },
            answerForm(p, "yes", "Yes"), answerForm(p, "no", "No"))))));
    }
    replace("met", met);

    const matches = el("section", { id: "matches", class: "matches" });
    if (view.matches.length) {
      matches.append(
        el("h2", {}, "Your mutual matches"),
        el("ul", { class: "list" }, view.matches.map((c) => el("li", {},
          el("strong", {}, c.name), c.company ? [" ", el("span", { class: "muted" }, c.company)] : null,
          " ", el("a", { href: "mailto:" + c.email }, c.email),
          c.phone ? [" ", el("a", { href: "tel:" + c.phone }, c.phone)] : null,
          c.linkedin_url ? [" ", el("a", { href: c.linkedin_url, rel: "noopener" }, "LinkedIn")] : null))),
        el("p", {}, el("a", { href: root.dataset.answers.replace(/answers$/, "matches.vcf") },
          "Save them to your phone (vCard)")));
    }
    replace("matches", matches);
  }

  function answerForm(person, value, label) {
    const chosen = (person.answer === true && value === "yes") || (person.answer === false && value === "no");
    const form = el("form", { method: "post", action: root.dataset.answers, class: "answer" },
      el("input", { type: "hidden", name: "other", value: person.id }),
      el("input", { type: "hidden", name: "answer", value: value }),
      el("button", {
        type: "submit", class: chosen ? "chosen" : "secondary", "aria-pressed": chosen ? "true" : "false",
        "aria-label": "Follow up with " + person.name + ": " + label,
      }, label));
    return form;
  }

  function csrf() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  // Answers go by fetch, so the page keeps its place; without script the form posts as usual.
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("answer")) return;
    event.preventDefault();
    const body = new URLSearchParams(new FormData(form));
    body.delete("csrf_token");
    const response = await fetch(form.action, {
      method: "POST", body, credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf(), Accept: "application/json" },
    });
    if (response.ok) show(await response.json());
  });

  // -- the big screen -------------------------------------------------------------------------

  const PAGE = 12; // tables per screenful; longer lists turn a page every few seconds
  let page = 0;
  let lastScreen = null;
  let lastScreenPhase = null;

  function renderScreen(view) {
    lastScreen = view;
    const now = currentPhase();
    const phase = now ? now.phase : view.moment.phase;
    const upcoming = ["waiting", "break", "over"].includes(phase) && view.next_tables.length;
    const tables = upcoming ? view.next_tables : view.tables;
    const number = upcoming ? view.moment.round + 1 : view.moment.round;
    document.getElementById("tables-title").textContent = tables.length
      ? "Round " + number + (upcoming ? ": find your table" : ": who sits where") : "";
    const pages = Math.max(1, Math.ceil(tables.length / PAGE));
    page = page % pages;
    const grid = el("ol", { class: "table-grid", id: "table-grid" },
      tables.slice(page * PAGE, (page + 1) * PAGE).map((t) =>
        el("li", {}, el("span", { class: "table-no" }, t.table), el("span", {}, t.names.join(" · ")))));
    replace("table-grid", grid);
    document.getElementById("page-note").textContent =
      pages > 1 ? "Page " + (page + 1) + " of " + pages : "";
  }

  // -- wiring ---------------------------------------------------------------------------------

  function show(view) {
    setClock(view.moment);
    if (kind === "phone") renderPhone(view);
    else if (kind === "screen") renderScreen(view);
    root.dataset.version = view.version;
  }

  readClock();
  setInterval(tick, 250);
  if (kind === "screen") {
    setInterval(() => { page += 1; if (lastScreen) renderScreen(lastScreen); }, 8000);
  }
  const source = new EventSource(root.dataset.stream);
  source.addEventListener("state", (event) => show(JSON.parse(event.data)));
  source.addEventListener("open", () => root.classList.remove("offline"));
  source.addEventListener("error", () => root.classList.add("offline"));
})();
