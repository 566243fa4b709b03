// Building the pages: every text that comes from the API or from a person is set as text, never as
// HTML; errors are shown next to the field they concern.

import { describe } from "./words.js";
import { me, site } from "./api.js";

// An element with properties and children; strings become text nodes.
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name in node && typeof value !== "string") node[name] = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

export const $ = (selector, root) => (root || document).querySelector(selector);

export function show(node, visible) {
  node.hidden = !visible;
}

// A time of the API in the viewer's local time and language.
export function when(iso) {
  if (!iso) return "";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function timeEl(iso) {
  return el("time", { datetime: iso, text: when(iso) });
}

// A labelled field: <label for=id>Label</label><input id=id name=name>, with a hint when given.
export function field(label, input, hint) {
  const id = input.id || `f-${input.name}-${Math.random().toString(36).slice(2, 8)}`;
  input.id = id;
  const parts = [el("label", { for: id, text: label }), hint ? el("p", { class: "hint", id: `${id}-hint`, text: hint }) : null, input];
  if (hint) input.setAttribute("aria-describedby", `${id}-hint`);
  return el("div", { class: "field" }, parts);
}

export function clearErrors(form) {
  for (const old of form.querySelectorAll(".error")) old.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    const hints = (input.getAttribute("aria-describedby") || "").split(" ").filter((id) => !id.endsWith("-error"));
    if (hints.length) input.setAttribute("aria-describedby", hints.join(" "));
    else input.removeAttribute("aria-describedby");
  }
}

// Shows what the API refused, in words, next to its field (or at the top of the form). A form whose
// fields have other names than the API's words assume maps the code to its own: {code: name} or
// {code: {field, text}}.
export function showError(form, error, aliases) {
  const described = describe(error);
  const alias = (aliases || {})[error.code];
  const name = alias === undefined ? described.field : typeof alias === "string" ? alias : alias.field;
  const text = alias && alias.text ? alias.text : described.text;
  const input = name ? form.querySelector(`[name="${name}"]`) : null;
  if (input && !input.closest("[hidden]")) {
    const id = `${input.id}-error`;
    const message = el("p", { class: "error", id, text });
    input.closest(".field").append(message);
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") || ""} ${id}`.trim());
    input.focus();
  } else {
    const message = el("p", { class: "error", role: "alert", tabindex: "-1", text });
    form.prepend(message);
    message.focus();
  }
  return text;
}

// Runs a form's work on submit: errors cleared first, the button disabled while it runs.
export function onSubmit(form, work, aliases) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const button = event.submitter || form.querySelector("button[type=submit], button:not([type])");
    if (button) button.disabled = true;
    try {
      await work(new FormData(form), event.submitter);
    } catch (error) {
      if (!error.code) throw error;
      showError(form, error, aliases);
    } finally {
      if (button) {
        button.disabled = false;
        const lost = !document.activeElement || document.activeElement === document.body;
        if (lost && button.isConnected && !form.querySelector(".error")) button.focus();
      }
    }
  });
}

export function say(node, text) {
  node.textContent = text;
  show(node, true);
}

// Every page: the site's name in the header and the title, the links that fit who is logged in.
export async function frame(title, { needUser = false } = {}) {
  const [view, mine] = await Promise.all([site(), me()]);
  const name = view.site.name;
  document.title = `${title} · ${name}`;
  $("#site-name").textContent = name;
  const user = mine && mine.local_user_view;
  const links = user
    ? [["/invites", "Invites"], ["/account", `Account (${user.person.name})`], user.local_user.admin ? ["/admin", "Admin"] : null]
    : [["/signup", "Sign up"], ["/login", "Log in"]];
  const nav = $("#nav");
  nav.replaceChildren(el("ul", {}, links.filter(Boolean).map(([href, text]) => el("li", {}, el("a", { href, text, "aria-current": location.pathname === href ? "page" : null })))));
  if (needUser && !user) {
    const main = $("#main");
    main.replaceChildren(
      el("h1", { text: title }),
      el("p", {}, "You need to log in to see this page. ", el("a", { href: `/login?next=${encodeURIComponent(location.pathname)}`, text: "Log in" })),
    );
  }
  return { site: view, me: mine, user };
}

// The page is drawn and answers input: tests and the benchmark wait for this mark.
export function ready() {
  performance.mark("guestlist-ready");
  document.documentElement.dataset.ready = "true";
}

// A failure while drawing the page: said in words where the page's status goes.
export function failed(error) {
  const status = $("#status") || $("#main");
  status.hidden = false;
  status.textContent = error && error.code ? describe(error).text : `The page could not be shown: ${error}`;
  ready();
}
