// Rapporteur report editor: saves on the server as the rapporteur types, and adds rows on demand.
// Without this script the form still works: the Save button posts it, and blank rows are always offered.
// What is typed is also kept in this tab's sessionStorage until the server has it, so a reload or a closed
// connection before the next save loses nothing: the page puts it back and saves it.
(function () {
  "use strict";
  const form = document.querySelector("form.report-editor");
  if (!form) return;
  const status = document.getElementById("autosave-status");
  const base = form.querySelector("input[name=base_revision]");
  const draftKey = "report-draft:" + form.dataset.autosaveUrl;
  const NOT_TYPED = new Set(["csrf_token", "base_revision"]);
  let timer = null, inFlight = null, stopped = false, dirty = false;

  function say(text) { status.textContent = text; }

  function typed() {
    return Array.from(new FormData(form).entries()).filter(([name]) => !NOT_TYPED.has(name));
  }

  function keepDraft() {
    try {
      sessionStorage.setItem(draftKey, JSON.stringify({ base: base.value, fields: typed() }));
    } catch (error) { /* storage full or disabled: the server saves remain */ }
  }

  function dropDraft() {
    try { sessionStorage.removeItem(draftKey); } catch (error) { /* nothing kept */ }
  }

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
        if (!dirty) dropDraft();
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
    keepDraft();
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  }

  function addRow(list) {
    const rows = list.querySelector(".rows");
    const last = rows.lastElementChild;
    const next = rows.children.length;
    const copy = last.cloneNode(true);
    copy.querySelectorAll("[name]").forEach((field) => {
      field.name = field.name.replace(/^([a-z_]+)-\d+/, "$1-" + next);
      field.value = "";
    });
    rows.appendChild(copy);
    return copy;
  }

  function fieldFor(name) {
    let field = form.elements.namedItem(name);
    const row = /^([a-z_]+)-(\d+)/.exec(name);
    const list = row && form.querySelector(`.report-list[data-list="${row[1]}"]`);
    while (!field && list && list.querySelector(".rows").children.length <= Number(row[2])) {
      addRow(list);
      field = form.elements.namedItem(name);
    }
    return field;
  }

  // Typing kept from before a reload, on the revision the page still shows: put it back and save it.
  function restoreDraft() {
    let draft = null;
    try { draft = JSON.parse(sessionStorage.getItem(draftKey) || "null"); } catch (error) { draft = null; }
    if (!draft || draft.base !== base.value) { dropDraft(); return; }
    const current = JSON.stringify(typed());
    draft.fields.forEach(([name, value]) => {
      const field = fieldFor(name);
      if (field && "value" in field) field.value = value;
    });
    if (JSON.stringify(typed()) !== current) schedule();
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") save(); });
  window.addEventListener("pagehide", save);
  form.addEventListener("submit", () => { stopped = true; clearTimeout(timer); dropDraft(); });

  form.querySelectorAll(".report-list").forEach((list) => {
    const button = list.querySelector(".add-row");
    button.hidden = false;
    button.addEventListener("click", () => { addRow(list).querySelector("textarea, input").focus(); });
  });
  restoreDraft();
})();
