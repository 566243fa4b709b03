import { frame, el, $, show, ready, failed } from "./ui.js";
import { MODES } from "./words.js";

try {
  const { site, me, user } = await frame("Welcome");
  const name = site.site.name;
  $("h1").textContent = name;
  const parts = [];
  if (user) {
    if (new URLSearchParams(location.search).has("welcome")) {
      parts.push(el("p", { id: "welcome", class: "ok", text: `Welcome to ${name}, ${user.person.name}! Your account is ready and you are logged in.` }));
    }
    parts.push(el("p", {}, "You are logged in as ", el("strong", { text: user.person.name }), "."));
    if (me.invited_by) parts.push(el("p", { id: "invited-by" }, "You were invited by ", el("strong", { text: me.invited_by.name }), "."));
  }
  parts.push(el("p", { id: "mode" }, el("strong", { text: "Who may join: " }), MODES[site.local_site.registration_mode] || site.local_site.registration_mode));
  const links = user
    ? [["/invites", "Invite someone"], ["/account", "Your account"], user.local_user.admin ? ["/admin", "Run the site"] : null]
    : [["/signup", "Sign up"], ["/login", "Log in"]];
  parts.push(el("ul", {}, links.filter(Boolean).map(([href, text]) => el("li", {}, el("a", { href, text })))));
  $("#content").replaceChildren(...parts);
  show($("#content"), true);
  show($("#status"), false);
  ready();
} catch (error) {
  failed(error);
}
