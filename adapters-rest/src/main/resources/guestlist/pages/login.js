import { post } from "./api.js";
import { frame, el, $, show, onSubmit, ready, failed } from "./ui.js";

try {
  const { user } = await frame("Log in");
  const form = $("#login");
  if (user) form.before(el("p", { class: "muted", text: `You are logged in as ${user.person.name} already; logging in again switches the account.` }));
  onSubmit(form, async (data) => {
    await post("/account/auth/login", { username_or_email: data.get("username_or_email"), password: data.get("password") });
    const next = new URLSearchParams(location.search).get("next") || "/";
    location.assign(next.startsWith("/") && !next.startsWith("//") ? next : "/");
  });
  show(form, true);
  show($("#elsewhere"), true);
  show($("#status"), false);
  ready();
} catch (error) {
  failed(error);
}
