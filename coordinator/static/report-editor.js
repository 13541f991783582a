// Rapporteur report editor: saves on the server as the rapporteur types, and adds rows on demand.
// Without this script the form still works: the Save button posts it, and blank rows are always offered.
(function () {
  "use strict";
  const form = document.querySelector("form.report-editor");
  if (!form) return;
  const status = document.getElementById("autosave-status");
  const base = form.querySelector("input[name=base_revision]");
  let timer = null, inFlight = null, stopped = false, dirty = false;

  function say(text) { status.textContent = text; }

  async function save() {
    if (stopped || !dirty) return;
    if (inFlight) { await inFlight; }
    dirty = false;
    say(form.dataset.savingText);
    inFlight = fetch(form.dataset.autosaveUrl, {
      method: "POST", body: new FormData(form), credentials: "same-origin", keepalive: true,
      headers: { "Accept": "application/json" },
    }).then(async (response) => {
      const data = await response.json().catch(() => ({}));
      if (response.ok) {
        base.value = data.revision;
        say(form.dataset.savedText + " " + data.revision);
      } else {
        stopped = response.status === 409 || response.status === 403;
        say((data.error && data.error.message) || form.dataset.failedText);
        status.setAttribute("role", "alert");
      }
    }).catch(() => { dirty = true; say(form.dataset.failedText); })
      .finally(() => { inFlight = null; });
    return inFlight;
  }

  function schedule() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") save(); });
  window.addEventListener("pagehide", save);
  form.addEventListener("submit", () => { stopped = true; clearTimeout(timer); });

  form.querySelectorAll(".report-list").forEach((list) => {
    const button = list.querySelector(".add-row");
    const rows = list.querySelector(".rows");
    button.hidden = false;
    button.addEventListener("click", () => {
      const last = rows.lastElementChild;
      const next = rows.children.length;
      const copy = last.cloneNode(true);
      copy.querySelectorAll("[name]").forEach((field) => {
        field.name = field.name.replace(/^([a-z_]+)-\d+/, "$1-" + next);
        field.value = "";
      });
      rows.appendChild(copy);
      copy.querySelector("textarea, input").focus();
    });
  });
})();
