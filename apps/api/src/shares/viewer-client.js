// The public viewer's script (served as /s/_/viewer.js): renders the shared
// file and reports opens and active reading time per page. Plain browser
// JavaScript, no build step; the page passes its settings as data attributes.

const cfg = document.body.dataset;
// crawlers and link scanners get a working page; their reading is just not reported
const TRACK = cfg.track !== "0";
const FLUSH_MS = Number(cfg.flushMs) || 5000;
const IDLE_MS = Number(cfg.idleMs) || 30000;
const TICK_MS = Math.min(1000, Math.max(50, Math.floor(FLUSH_MS / 2)));

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// A random id per browser, so repeat visits are one visitor; nothing personal.
const visitorId = (() => {
  try {
    let v = localStorage.getItem("pitchside_visitor");
    if (!v || !/^[A-Za-z0-9_-]{8,64}$/.test(v)) {
      v = uuid();
      localStorage.setItem("pitchside_visitor", v);
    }
    return v;
  } catch {
    // storage blocked: no id at all, so the server knows this browser by its hashed address and
    // user agent (a fresh id per page load would count every reload as a new visitor)
    return undefined;
  }
})();

/** sendBeacon survives the tab closing; fetch with keepalive where it is missing or refuses. */
function send(events) {
  if (events.length === 0 || !TRACK) return;
  const body = JSON.stringify(events.length === 1 ? events[0] : events);
  let queued = false;
  try {
    queued =
      typeof navigator.sendBeacon === "function" &&
      navigator.sendBeacon(cfg.beacon, new Blob([body], { type: "text/plain;charset=UTF-8" }));
  } catch {
    queued = false;
  }
  if (!queued) {
    fetch(cfg.beacon, {
      method: "POST",
      body,
      keepalive: true,
      credentials: "omit",
      headers: { "content-type": "text/plain;charset=UTF-8" },
    }).catch(() => undefined);
  }
}

// Active time: the tab is visible and the reader did something in the last IDLE_MS.
let lastInput = performance.now();
let lastTick = performance.now();
let currentPage = 1;
const pending = new Map();
for (const type of ["pointermove", "pointerdown", "keydown", "wheel", "scroll", "touchstart"]) {
  addEventListener(
    type,
    () => {
      lastInput = performance.now();
    },
    { passive: true, capture: true },
  );
}

function tick() {
  const now = performance.now();
  // a throttled or suspended timer must not bank the time it slept
  const elapsed = Math.min(now - lastTick, TICK_MS * 3);
  lastTick = now;
  if (document.visibilityState === "visible" && now - lastInput < IDLE_MS) {
    pending.set(currentPage, (pending.get(currentPage) ?? 0) + elapsed);
  }
}

function flush() {
  tick();
  const events = [];
  for (const [page, ms] of pending) {
    if (ms >= 1) events.push({ id: uuid(), type: "page", page, activeMs: Math.round(ms), visitorId });
  }
  pending.clear();
  send(events);
}

function setPage(page) {
  if (page === currentPage) return;
  tick(); // the time so far belongs to the page being left
  currentPage = page;
  const now = document.getElementById("page-now");
  if (now) now.textContent = String(page);
}

// a reader coming back to a link whose version changed since is told so
(() => {
  if (!cfg.token || !cfg.version) return;
  try {
    const key = `pitchside_seen_${cfg.token}`;
    const seen = localStorage.getItem(key);
    if (seen && seen !== cfg.version) {
      const banner = document.getElementById("updated");
      if (banner) banner.hidden = false;
    }
    localStorage.setItem(key, cfg.version);
  } catch {
    // storage refused (private mode): nothing to compare with
  }
})();

if (cfg.kind !== "room") {
  setInterval(tick, TICK_MS);
  setInterval(flush, FLUSH_MS);
}
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") flush();
  else lastTick = performance.now();
});
addEventListener("pagehide", flush);

send([{ id: uuid(), type: "open", visitorId }]);

document.getElementById("download")?.addEventListener("click", () => {
  send([{ id: uuid(), type: "download", visitorId }]);
});

async function renderPdf() {
  const container = document.getElementById("pages");
  const status = document.getElementById("status");
  try {
    const pdfjs = await import("/s/_/pdf.mjs");
    pdfjs.GlobalWorkerOptions.workerSrc = "/s/_/pdf.worker.mjs";
    const doc = await pdfjs.getDocument({
      url: cfg.file,
      isEvalSupported: false,
      standardFontDataUrl: "/s/_/standard_fonts/",
      wasmUrl: "/s/_/wasm/",
    }).promise;
    status?.remove();
    document.getElementById("page-count").textContent = String(doc.numPages);
    document.getElementById("pager").hidden = false;

    const rendered = new Set();
    const width = Math.min(container.clientWidth || 900, 940);
    const slots = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const slot = document.createElement("div");
      slot.className = "page";
      slot.dataset.page = String(n);
      slot.style.width = `${width}px`;
      slot.style.aspectRatio = `${base.width} / ${base.height}`;
      container.append(slot);
      slots.push({ slot, page, base });
    }

    const render = async ({ slot, page, base }) => {
      const n = Number(slot.dataset.page);
      if (rendered.has(n)) return;
      rendered.add(n);
      const scale = (width / base.width) * (window.devicePixelRatio || 1);
      const viewport = page.getViewport({ scale });
      const canvas = document.createElement("canvas");
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      slot.append(canvas);
      await page.render({ canvas, canvasContext: canvas.getContext("2d"), viewport }).promise;
      slot.dataset.rendered = "true";
    };

    // render pages as they come near, and read the page most in view as the one being read
    const near = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.isIntersecting) render(slots[Number(e.target.dataset.page) - 1]).catch(() => undefined);
        }
      },
      { rootMargin: "150% 0px" },
    );
    // the page being read is the one under a reading line in the part of the screen below the
    // header, which travels down with the scroll: near the top at the start (a cover is read
    // first even when small slides fill a phone's screen), near the bottom at the end
    let queued = false;
    const follow = () => {
      queued = false;
      const top = document.querySelector("header")?.getBoundingClientRect().bottom ?? 0;
      const scrollable = document.documentElement.scrollHeight - window.innerHeight;
      const progress = scrollable > 0 ? window.scrollY / scrollable : 0;
      const line = top + (window.innerHeight - top) * Math.min(0.85, Math.max(0.15, progress));
      let best = currentPage;
      let distance = Number.POSITIVE_INFINITY;
      for (const { slot } of slots) {
        const r = slot.getBoundingClientRect();
        const d =
          r.top <= line && r.bottom >= line ? 0 : Math.min(Math.abs(r.top - line), Math.abs(r.bottom - line));
        if (d < distance) {
          best = Number(slot.dataset.page);
          distance = d;
        }
      }
      setPage(best);
    };
    const schedule = () => {
      if (!queued) {
        queued = true;
        requestAnimationFrame(follow);
      }
    };
    addEventListener("scroll", schedule, { passive: true });
    addEventListener("resize", schedule, { passive: true });
    for (const { slot } of slots) near.observe(slot);
    follow();
    document.body.dataset.pages = String(doc.numPages);
  } catch (err) {
    console.error(err);
    if (status) status.textContent = cfg.failed;
  }
}

if (cfg.kind === "pdf") renderPdf();
