import { post, put } from "./api.js";
import { frame, el, $, show, field, onSubmit, say, when, ready, failed } from "./ui.js";

try {
  const { me, user } = await frame("Your account", { needUser: true });
  if (user) {
    const status = $("#status");
    show(status, false);
    const details = el("dl", {},
      el("dt", { text: "Username" }), el("dd", { text: user.person.name }),
      el("dt", { text: "Email" }), el("dd", { text: user.local_user.email || "none given" }),
      el("dt", { text: "Joined" }), el("dd", { text: when(user.local_user.published_at) }),
      el("dt", { text: "Invited by" }), el("dd", { id: "invited-by", text: me.invited_by ? me.invited_by.name : "nobody: you joined without an invite" }));
    const change = el("form", { id: "change-password", method: "post", novalidate: true },
      field("Current password", el("input", { type: "password", name: "old_password", autocomplete: "current-password" })),
      field("New password", el("input", { type: "password", name: "new_password", autocomplete: "new-password" }), "10 to 60 characters."),
      field("Repeat new password", el("input", { type: "password", name: "new_password_verify", autocomplete: "new-password" })),
      el("button", { type: "submit", text: "Change password" }));
    onSubmit(change, async (data) => {
      await put("/account/auth/change_password", {
        old_password: data.get("old_password"), new_password: data.get("new_password"), new_password_verify: data.get("new_password_verify"),
      });
      change.reset();
      say(status, "Your password was changed. Every other session of your account was logged out.");
    }, {
      invalid_password: "new_password",
      passwords_do_not_match: "new_password_verify",
      incorrect_login: { field: "old_password", text: "The current password is wrong." },
    });
    const logout = el("form", { id: "logout", method: "post" }, el("button", { type: "submit", class: "plain", text: "Log out" }));
    onSubmit(logout, async () => {
      await post("/account/auth/logout");
      location.assign("/");
    });
    $("#content").replaceChildren(details, el("h2", { text: "Change password" }), change, el("h2", { text: "Log out" }),
      el("p", { text: "Ends this session: this browser forgets you until you log in again." }), logout);
    show($("#content"), true);
  }
  ready();
} catch (error) {
  failed(error);
}
