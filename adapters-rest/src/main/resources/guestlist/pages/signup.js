import { get, post, query } from "./api.js";
import { frame, el, $, show, field, onSubmit, showError, ready, failed } from "./ui.js";
import { MODES, WORDS } from "./words.js";

const UNUSABLE = "This invite link cannot be used any more: it has expired, has been used up or was revoked. Ask whoever invited you for a new one.";

// The token of a pasted invite link (or of a pasted bare token).
function tokenOf(text) {
  const pasted = (text || "").trim();
  try {
    return new URL(pasted).searchParams.get("token") || "";
  } catch (notALink) {
    return pasted;
  }
}

function signupForm(local, token) {
  const asks = local.registration_mode === "require_application" && (!token || !local.invites_skip_application);
  const question = local.application_question || "Tell the admins a little about yourself and why you would like to join.";
  const form = el("form", { id: "signup", method: "post", novalidate: true },
    field("Username", el("input", { type: "text", name: "username", autocomplete: "username" }), "3 to 20 letters, digits or underscores."),
    field("Email (optional)", el("input", { type: "email", name: "email", autocomplete: "email" })),
    field("Password", el("input", { type: "password", name: "password", autocomplete: "new-password" }), "10 to 60 characters."),
    field("Repeat password", el("input", { type: "password", name: "password_verify", autocomplete: "new-password" })),
    asks ? el("div", { class: "field" },
      el("p", { id: "question", class: "quote", text: question }),
      el("label", { for: "answer", text: "Answer" }),
      el("textarea", { id: "answer", name: "answer", rows: "4", "aria-describedby": "question" })) : null,
    el("div", { hidden: true }, field("Leave this empty", el("input", { type: "text", name: "honeypot", tabindex: "-1", autocomplete: "off" }))),
    el("button", { type: "submit", text: "Sign up" }));
  onSubmit(form, async (data) => {
    const body = { username: data.get("username"), password: data.get("password"), password_verify: data.get("password_verify") };
    if (data.get("email")) body.email = data.get("email");
    if (asks) body.answer = data.get("answer");
    if (token) body.token = token;
    if (data.get("honeypot")) body.honeypot = data.get("honeypot");
    const answer = await post("/account/auth/register", body);
    if (answer.jwt) {
      location.assign("/?welcome");
      return;
    }
    $("h1").textContent = "Application sent";
    const sent = el("p", { id: "verdict", class: "ok", tabindex: "-1", text: `Thank you, ${body.username}. Your application waits for review by an admin; you can log in once it is approved.` });
    $("#content").replaceChildren(sent, el("p", {}, el("a", { href: "/login", text: "Log in" }), " once you hear back."));
    sent.focus();
  });
  return form;
}

function pasteForm() {
  const form = el("form", { id: "paste", method: "post", novalidate: true },
    field("Invite link", el("input", { type: "text", name: "invite_link", autocomplete: "off" }), "The address you were sent, starting with http."),
    el("button", { type: "submit", text: "Continue" }));
  onSubmit(form, async (data) => {
    const token = tokenOf(data.get("invite_link"));
    if (!token) {
      showError(form, { code: "missing_invite_token" });
      return;
    }
    location.assign(`/signup${query({ token })}`);
  });
  return form;
}

try {
  const token = new URLSearchParams(location.search).get("token") || null;
  const { site, user } = await frame("Sign up");
  const local = site.local_site;
  const parts = [el("p", {}, "You are joining ", el("strong", { id: "joining", text: site.site.name }), ".")];
  if (user) parts.push(el("p", { class: "muted", text: `You are logged in as ${user.person.name}; signing up makes another account.` }));
  let form = null;
  if (local.registration_mode === "closed") {
    parts.push(el("p", { id: "verdict", text: WORDS.registration_closed[1]() }));
  } else if (token) {
    const { valid } = await get(`/account/invite/validity${query({ token })}`);
    if (valid) {
      parts.push(el("p", { id: "verdict", class: "ok", text: "Your invite is valid. Choose a name and a password to join." }));
      form = signupForm(local, token);
    } else {
      parts.push(el("p", { id: "verdict", class: "error", text: UNUSABLE }));
    }
  } else if (local.registration_mode === "require_invitation") {
    parts.push(el("p", { id: "verdict", text: "This site takes new members by invitation only. If a member sent you an invite link, open it, or paste it here." }));
    form = pasteForm();
  } else {
    parts.push(el("p", { id: "verdict", text: MODES[local.registration_mode] }));
    form = signupForm(local, null);
  }
  if (form) parts.push(form);
  parts.push(el("p", {}, "Have an account already? ", el("a", { href: "/login", text: "Log in" }), "."));
  $("#content").replaceChildren(...parts);
  show($("#content"), true);
  show($("#status"), false);
  ready();
} catch (error) {
  failed(error);
}
