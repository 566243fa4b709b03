import { get, post, put, query } from "./api.js";
import { frame, el, $, show, field, onSubmit, say, when, ready, failed } from "./ui.js";
import { describe } from "./words.js";

const MODE_CHOICES = [
  ["open", "Anyone (open)"],
  ["require_application", "Anyone who applies, once an admin approves (applications)"],
  ["require_invitation", "Only people with an invite (invitation only)"],
  ["closed", "Nobody (closed)"],
];
const ACTIONS = {
  ban: "banned", unban: "lifted the ban of", revoke_all: "revoked every invite of",
  disable_invites: "withdrew the right to invite of", enable_invites: "gave back the right to invite to",
};
const names = new Map(); // local user id -> name, of every account seen
const status = () => $("#status");

function tell(text) {
  say(status(), text);
}

const integer = (text) => (/^\s*\d+\s*$/.test(text) ? Number(text) : text);

// The name of an account's inviter: from the accounts seen, else asked (its ancestry's first step).
async function inviterName(userId, inviterId) {
  if (!inviterId) return null;
  if (!names.has(inviterId)) {
    const page = await get(`/admin/invite/ancestry${query({ local_user_id: userId, limit: 1 })}`);
    for (const view of page.items) names.set(view.local_user.id, view.person.name);
  }
  return names.get(inviterId) || `account #${inviterId}`;
}

function invitedByText(name) {
  return name ? `invited by ${name}` : "joined without an invite";
}

function settingsForm(site) {
  const local = site.local_site;
  const number = (name, label, hint) => field(label, el("input", { type: "text", inputmode: "numeric", name, value: String(local[name]) }), hint);
  const form = el("form", { id: "settings", method: "post", novalidate: true },
    field("Site name", el("input", { type: "text", name: "name", value: site.site.name })),
    field("Who may join", el("select", { name: "registration_mode" }, MODE_CHOICES.map(([value, text]) => el("option", { value, text, selected: value === local.registration_mode })))),
    field("Application question", el("textarea", { name: "application_question", rows: "3" }, local.application_question || ""), "Asked of everyone who applies. Leave it empty for none."),
    number("max_invites_per_user_allowed", "Unused invites a member may hold", "0 = only admins may invite."),
    number("invite_min_account_age_hours", "Hours an account must exist before it may invite", "0 = no minimum."),
    number("invites_per_user_per_day", "Invites a member may create in 24 hours", "0 = no limit."),
    number("invite_signups_per_day", "Sign-ups through invites in 24 hours, site-wide", "0 = no limit."),
    el("div", { class: "field check" }, el("input", { type: "checkbox", id: "skip", name: "invites_skip_application", checked: local.invites_skip_application }),
      " ", el("label", { for: "skip", text: "An invite lets a newcomer skip the application" })),
    el("button", { type: "submit", text: "Save settings" }));
  onSubmit(form, async (data) => {
    const answer = await put("/site", {
      name: data.get("name"),
      registration_mode: data.get("registration_mode"),
      application_question: data.get("application_question"),
      max_invites_per_user_allowed: integer(data.get("max_invites_per_user_allowed")),
      invite_min_account_age_hours: integer(data.get("invite_min_account_age_hours")),
      invites_per_user_per_day: integer(data.get("invites_per_user_per_day")),
      invite_signups_per_day: integer(data.get("invite_signups_per_day")),
      invites_skip_application: data.get("invites_skip_application") === "on",
    });
    $("#site-name").textContent = answer.site_view.site.name;
    tell("Settings saved.");
  });
  return form;
}

async function showApplications() {
  const list = $("#applications");
  const page = await get(`/admin/registration_application/list${query({ unread_only: true, limit: 50 })}`);
  list.replaceChildren();
  for (const view of page.items) {
    const application = view.registration_application;
    const name = view.creator.name;
    names.set(view.creator_local_user.id, name);
    const inviter = await inviterName(view.creator_local_user.id, view.creator_local_user.invited_by_local_user_id);
    const deny = el("form", { method: "post", novalidate: true, class: "deny" },
      field(`Reason for turning ${name} down`, el("input", { type: "text", name: "deny_reason" }), "Shown to them when they try to log in."),
      el("button", { type: "submit", class: "danger", text: `Deny ${name}` }));
    const card = el("li", { class: "card application" },
      el("h3", { text: name }),
      el("p", { class: "muted", text: `Applied ${when(application.published_at)}; ${invitedByText(inviter)}.` }),
      el("p", { text: "Their answer:" }), el("p", { class: "quote answer", text: application.answer }));
    const approve = el("form", { method: "post", class: "approve" }, el("button", { type: "submit", text: `Approve ${name}` }));
    const decide = async (approved, reason) => {
      await put("/admin/registration_application/approve", approved ? { id: application.id, approve: true } : { id: application.id, approve: false, deny_reason: reason });
      card.remove();
      $("#no-applications").hidden = list.children.length > 0;
      tell(approved ? `${name} was approved and may log in now.` : `${name} was turned down.`);
    };
    onSubmit(approve, () => decide(true));
    onSubmit(deny, (data) => decide(false, data.get("deny_reason")));
    card.append(approve, deny);
    list.append(card);
  }
  $("#no-applications").hidden = list.children.length > 0;
}

async function showUsers(cursor) {
  const list = $("#users");
  const page = await get(`/admin/users${query({ limit: 20, page_cursor: cursor })}`);
  if (!cursor) list.replaceChildren();
  for (const view of page.items) names.set(view.local_user.id, view.person.name);
  const inviters = await Promise.all(page.items.map((view) => inviterName(view.local_user.id, view.local_user.invited_by_local_user_id)));
  for (const [index, view] of page.items.entries()) {
    const inviter = inviters[index];
    const facts = [view.local_user.admin ? "admin" : null, view.banned ? "banned" : null, invitedByText(inviter),
      `${view.invitee_count} invited`, `joined ${when(view.local_user.published_at)}`].filter(Boolean).join("; ");
    list.append(el("li", { class: "card user" },
      el("strong", { class: view.banned ? "banned" : null, text: view.person.name }), " ",
      el("span", { class: "muted", text: facts }), " ",
      el("button", { type: "button", class: "plain", text: `Manage ${view.person.name}`, onclick: () => manage(view.local_user.id).catch(failed) })));
  }
  const more = $("#more-users");
  more.hidden = !page.next_page;
  more.onclick = page.next_page ? () => showUsers(page.next_page).catch(failed) : null;
}

function treeNode(member) {
  const view = member.local_user_view;
  return el("li", { "data-id": String(view.local_user.id), "data-depth": String(member.depth) },
    el("span", { class: view.banned ? "banned" : null, text: view.person.name }),
    view.banned ? el("span", { class: "muted", text: " (banned)" }) : null);
}

async function showTree(root, userId, cursor) {
  const page = await get(`/admin/invite/tree${query({ local_user_id: userId, limit: 50, page_cursor: cursor })}`);
  for (const member of page.items) {
    const parent = member.depth === 1 ? root : root.querySelector(`li[data-id="${member.invited_by_local_user_id}"]`);
    if (!parent) continue;
    let children = parent === root ? root : parent.querySelector(":scope > ul");
    if (!children) {
      children = el("ul");
      parent.append(children);
    }
    children.append(treeNode(member));
  }
  return page.next_page;
}

function actionForm(id, legend, reason, branch, buttons, withUntil) {
  const form = el("form", { id, method: "post", novalidate: true },
    el("h3", { text: legend }),
    field(reason, el("input", { type: "text", name: "reason" }), "Written to the moderation log; the member sees it too."),
    withUntil ? field("Banned until (optional)", el("input", { type: "datetime-local", name: "expires_at" }), "Empty: until an admin lifts it.") : null,
    el("div", { class: "field check" }, el("input", { type: "checkbox", id: `${id}-branch`, name: "include_invitees" }), " ",
      el("label", { for: `${id}-branch`, text: branch })),
    el("div", { class: "row" }, buttons.map(([value, text, kind]) => el("button", { type: "submit", name: "act", value, class: kind, text }))));
  return form;
}

async function manage(userId) {
  const section = $("#member");
  const ancestry = await get(`/admin/invite/ancestry${query({ local_user_id: userId, limit: 1 })}`);
  const inviter = ancestry.items[0];
  const name = names.get(userId) || `account #${userId}`;
  const tree = el("ul", { class: "tree", id: "tree", "aria-label": `Everyone ${name} brought in` });
  const next = await showTree(tree, userId);
  const more = el("button", { type: "button", class: "plain", hidden: !next, text: "Show more of the branch" });
  let cursor = next;
  more.onclick = async () => {
    cursor = await showTree(tree, userId, cursor);
    more.hidden = !cursor;
  };
  const after = async (text) => {
    tell(text);
    await Promise.all([manage(userId), showUsers(), showLog()]);
  };
  const ban = actionForm("ban", "Ban", "Reason for the ban", "Ban everyone they brought in too, at any depth", [["ban", `Ban ${name}`, "danger"], ["unban", "Lift the ban", "plain"]], true);
  onSubmit(ban, async (data, submitter) => {
    const body = { person_id: userId, ban: submitter.value === "ban", reason: data.get("reason"), include_invitees: data.get("include_invitees") === "on" };
    const until = data.get("expires_at");
    if (body.ban && until) {
      const seconds = Math.floor(new Date(until).getTime() / 1000);
      body.expires_at = Number.isNaN(seconds) ? until : seconds;
    }
    const answer = await post("/admin/ban", body);
    await after(`${body.ban ? "Banned" : "Lifted the ban of"} ${plural(answer.affected_accounts, "account")}; ${plural(answer.revoked_invites, "invite")} revoked.`);
  });
  const revoke = actionForm("revoke-all", "Revoke invites", "Reason for revoking", "Revoke the invites of everyone they brought in too", [["revoke", "Revoke all their invites", "danger"]], false);
  onSubmit(revoke, async (data) => {
    const answer = await post("/admin/invite/revoke_all", { local_user_id: userId, reason: data.get("reason"), include_invitees: data.get("include_invitees") === "on" });
    await after(`Revoked ${plural(answer.revoked_invites, "invite")} of ${plural(answer.affected_accounts, "account")}.`);
  });
  const permission = actionForm("permission", "Right to invite", "Reason for the change", "Change it for everyone they brought in too", [["off", "Withdraw the right to invite", "danger"], ["on", "Give back the right to invite", "plain"]], false);
  onSubmit(permission, async (data, submitter) => {
    const answer = await put("/admin/invite/permission", { local_user_id: userId, can_invite: submitter.value === "on", reason: data.get("reason"), include_invitees: data.get("include_invitees") === "on" });
    await after(`${answer.local_user_view.local_user.can_invite ? "They may invite again" : "They may no longer invite"}.`);
  });
  section.replaceChildren(
    el("h2", { id: "member-heading", tabindex: "-1", text: `Manage ${name}` }),
    el("p", { text: inviter ? `Invited by ${inviter.person.name}.` : "Joined without an invite." }),
    el("h3", { text: `Everyone ${name} brought in` }),
    tree.children.length ? tree : el("p", { class: "muted", text: "Nobody yet." }),
    more, ban, revoke, permission);
  show(section, true);
  if (!section.contains(document.activeElement)) $("#member-heading").focus();
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

async function showLog(cursor) {
  const list = $("#log");
  const page = await get(`/admin/invite/log${query({ limit: 20, page_cursor: cursor })}`);
  if (!cursor) list.replaceChildren();
  for (const entry of page.items) {
    list.append(el("li", { class: "card" },
      el("p", {}, timeText(entry.published_at), ": ", el("strong", { text: entry.admin.name }), ` ${ACTIONS[entry.action] || entry.action} `,
        el("strong", { text: entry.target.name }), entry.include_invitees ? " and everyone they brought in" : "",
        ` (${plural(entry.affected_accounts, "account")}, ${plural(entry.revoked_invites, "invite")} revoked)`,
        entry.expires_at ? ` until ${when(entry.expires_at)}` : "", "."),
      entry.reason ? el("p", {}, "Reason: ", el("span", { class: "quote", text: entry.reason })) : null));
  }
  $("#no-log").hidden = list.children.length > 0;
  const more = $("#more-log");
  more.hidden = !page.next_page;
  more.onclick = page.next_page ? () => showLog(page.next_page).catch(failed) : null;
}

function timeText(iso) {
  return el("time", { datetime: iso, text: when(iso) });
}

try {
  const { site, user } = await frame("Admin", { needUser: true });
  if (user && !user.local_user.admin) {
    say(status(), describe({ code: "not_an_admin" }).text);
  } else if (user) {
    show(status(), false);
    status().tabIndex = -1;
    const sections = [["settings-heading", "Site settings"], ["applications-heading", "Applications"], ["users-heading", "Members"], ["log-heading", "Moderation log"]];
    $("#content").replaceChildren(
      el("nav", { "aria-label": "Admin sections" }, el("ul", {}, sections.map(([id, text]) => el("li", {}, el("a", { href: `#${id}`, text }))))),
      el("h2", { id: "settings-heading", text: "Site settings" }), settingsForm(site),
      el("h2", { id: "applications-heading", text: "Applications" }),
      el("p", { id: "no-applications", hidden: true, text: "No application is waiting." }),
      el("ul", { id: "applications", class: "list" }),
      el("h2", { id: "users-heading", text: "Members" }),
      el("ul", { id: "users", class: "list" }),
      el("button", { type: "button", id: "more-users", class: "plain", hidden: true, text: "Show more members" }),
      el("section", { id: "member", hidden: true, "aria-labelledby": "member-heading" }),
      el("h2", { id: "log-heading", text: "Moderation log" }),
      el("p", { id: "no-log", hidden: true, text: "Nothing has been done yet." }),
      el("ul", { id: "log", class: "list" }),
      el("button", { type: "button", id: "more-log", class: "plain", hidden: true, text: "Show more of the log" }));
    await Promise.all([showApplications(), showUsers(), showLog()]);
    show($("#content"), true);
  }
  ready();
} catch (error) {
  failed(error);
}
